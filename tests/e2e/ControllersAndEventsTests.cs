using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>A replication controller made through the API, scaled in the browser; the events it causes, listed live.</summary>
public sealed class ControllersAndEventsTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Converged = new() { Timeout = 60_000 };

    private const string Rc = """
        {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"web"},
         "spec":{"replicas":3,"selector":{"app":"web"},
                 "template":{"metadata":{"labels":{"app":"web"}},
                             "spec":{"containers":[{"name":"main","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}}}
        """;

    [Fact]
    public async Task ReplicationController_ScaledInBrowser_ConvergesAndEventsShowIt()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var created = await http.PostAsync("/api/v1/namespaces/default/replicationcontrollers",
            new StringContent(Rc, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

        var page = await app.OpenAsync("/replicationcontrollers");
        var row = page.Locator("tbody tr").Filter(new() { HasText = "app=web" });
        // Desired, current, ready: the cells after name and namespace.
        await Expect(row).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"default\s*3\s*3\s*3"), Converged);

        await row.GetByRole(AriaRole.Button, new() { Name = "Scale up web" }).ClickAsync();
        await Expect(row).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"default\s*4\s*4\s*4"), Converged);
        await DashboardAppFixture.ScreenshotAsync(page, "replication-controllers");

        await page.GetByRole(AriaRole.Link, new() { Name = "Events" }).ClickAsync();
        var events = page.Locator("table");
        await Expect(events.GetByRole(AriaRole.Row).Filter(new() { HasText = "SuccessfulCreate" }).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(events.GetByRole(AriaRole.Row).Filter(new() { HasText = "Scheduled" }).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await DashboardAppFixture.ScreenshotAsync(page, "events");

        await page.Locator("#events-filter").FillAsync("SuccessfulCreate");
        await Expect(events.GetByRole(AriaRole.Row).Filter(new() { HasText = "Scheduled" })).ToHaveCountAsync(0, new() { Timeout = 15_000 });
    }
}
