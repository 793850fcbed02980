using Bunit;
using k8s.Models;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Dashboard.Forms;

public sealed class CreateServicePageTests : FormsTestContext
{
    private static PodView LabelledPod(string name, string app) =>
        new("default", name, PodPhases.Running, "a1", "agent-1", null, 0.1, 64, new Dictionary<string, string> { ["app"] = app }, DateTimeOffset.UtcNow, null);

    [Fact]
    public void Selector_LiveCountOfMatchingPods_FollowsTheFeed()
    {
        Feed.Publish(new PodUpdated(LabelledPod("web-1", "web")));
        Feed.Publish(new PodUpdated(LabelledPod("db-1", "db")));
        var page = Render<CreateService>();

        page.Find("#selector-key-0").Change("app");
        page.Find("#selector-value-0").Change("web");
        page.WaitForAssertion(() => Assert.Contains("1 matching pod now in default", page.Find(".km-match-count").TextContent, StringComparison.Ordinal));

        Feed.Publish(new PodUpdated(LabelledPod("web-2", "web")));

        page.WaitForAssertion(() => Assert.Contains("2 matching pods now in default", page.Find(".km-match-count").TextContent, StringComparison.Ordinal));
        Assert.Equal("pods?ns=default&selector=app%3Dweb", page.FindAll("a").Single(a => a.TextContent == "See them").GetAttribute("href"));
    }

    [Fact]
    public async Task Submit_Invalid_InlineErrorsAndNothingCreated()
    {
        var page = Render<CreateService>();
        page.Find("#service-name").Change("Svc.Bad");
        page.Find("#service-port-0").Change("70000");

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() =>
        {
            var errors = page.FindAll(".mud-input-error").Select(e => e.TextContent).ToList();
            Assert.Contains(errors, e => e.Contains("RFC 1123 label", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("must be between 1 and 65535", StringComparison.Ordinal));
        });
        Assert.Empty(await StoredAsync<V1Service>());
    }

    [Fact]
    public async Task Submit_Valid_ServiceStoredThenDetailPage()
    {
        var page = Render<CreateService>();
        page.Find("#service-name").Change("web");
        page.Find("#selector-key-0").Change("app");
        page.Find("#selector-value-0").Change("web");
        page.Find("#service-port-name-0").Change("http");
        page.Find("#service-port-0").Change("80");
        page.Find("#service-target-port-0").Change("8080");

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.EndsWith("/services/default/web", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        var service = Assert.Single(await StoredAsync<V1Service>());
        Assert.Equal("web", service.Spec.Selector["app"]);
        Assert.Equal(8080, int.Parse(service.Spec.Ports[0].TargetPort.Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
