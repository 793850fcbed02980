using Xunit;
using Microsoft.Extensions.DependencyInjection;
using Bunit;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Framework.Pods;
using Microsoft.AspNetCore.Components;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class CreatePodPageTests : DashboardTestContext
{
    [Fact]
    public void Submit_InvalidNameEmptyImageZeroCpus_ShowsInlineErrorsAndCreatesNothing()
    {
        var page = Render<CreatePod>();

        page.Find("#pod-name").Change("Web_1");
        page.Find("#pod-cpus").Change("0");
        page.Find("form").Submit();

        page.WaitForAssertion(() =>
        {
            var errors = page.FindAll(".mud-input-error").Select(e => e.TextContent).ToList();
            Assert.Contains(errors, e => e.Contains("RFC 1123 label"));
            Assert.Contains(errors, e => e.Contains("Image is required"));
            Assert.Contains(errors, e => e.Contains("CPUs must be greater than 0"));
        });
        Assert.Empty(PodService.Created);
    }

    [Fact]
    public void Change_InvalidName_ShowsErrorBeforeSubmit()
    {
        var page = Render<CreatePod>();

        page.Find("#pod-name").Change("-bad");

        page.WaitForAssertion(() => Assert.Contains("RFC 1123 label", page.Find(".mud-input-error").TextContent));
    }

    [Fact]
    public void Submit_ValidInput_CreatesPodWithRequestsAndLabelsThenNavigates()
    {
        var page = Render<CreatePod>();

        page.Find("#pod-name").Change("web-1");
        page.Find("#pod-image").Change("nginx:1.27");
        page.Find("#pod-cpus").Change("0.25");
        page.Find("#pod-memory").Change("128");
        page.FindAll("button").Single(b => b.TextContent.Contains("Add label")).Click();
        page.Find("#label-key-0").Change("app");
        page.Find("#label-value-0").Change("web");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Single(PodService.Created));
        var pod = PodService.Created[0];
        Assert.Equal("web-1", pod.Metadata.Name);
        Assert.Equal("default", pod.Metadata.NamespaceProperty);
        Assert.Equal("web", pod.Metadata.Labels["app"]);
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Equal("nginx:1.27", container.Image);
        Assert.Equal("250m", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("128Mi", container.Resources.Requests["memory"].ToString());
        page.WaitForAssertion(() => Assert.EndsWith("/scheduling", Services.GetRequiredService<NavigationManager>().Uri));
    }

    [Fact]
    public void Submit_NameTaken_ShowsAlreadyExistsOnNameField()
    {
        PodService.NextError = new PodAlreadyExistsException("default", "web-1");
        var page = Render<CreatePod>();

        page.Find("#pod-name").Change("web-1");
        page.Find("#pod-image").Change("nginx");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("already exists", page.Find(".mud-input-error").TextContent));
        Assert.Empty(PodService.Created);
    }

    [Fact]
    public void Submit_ServerRejectsImage_ShowsServerMessageOnImageField()
    {
        PodService.NextError = FakePodService.Invalid("spec.containers[0].image", "image pull policy forbids this registry");
        var page = Render<CreatePod>();

        page.Find("#pod-name").Change("web-2");
        page.Find("#pod-image").Change("evil.example/img");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("image pull policy forbids this registry", page.Find(".mud-input-error").TextContent));
    }
}
