using Bunit;
using k8s.Models;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class ReplicationControllersPageTests : DashboardTestContext
{
    private readonly InMemoryObjectStore _store = new();

    public ReplicationControllersPageTests() => Services.AddSingleton<IObjectStore>(_ => _store); // from a factory, so the container disposes it

    [Fact]
    public async Task ScaleUp_Clicked_DesiredReplicasWrittenAndShown()
    {
        await _store.CreateAsync(new V1ReplicationController
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new V1ReplicationControllerSpec { Replicas = 2, Selector = new Dictionary<string, string> { ["app"] = "web" } },
        }, Xunit.TestContext.Current.CancellationToken);
        var page = Render<ReplicationControllers>();
        page.WaitForAssertion(() => Assert.Contains("app=web", page.Markup));

        await page.Find("button[aria-label='Scale up web']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("3", page.FindAll("tbody td")[3].TextContent));
        Assert.Equal(3, (await _store.GetAsync<V1ReplicationController>("default", "web", Xunit.TestContext.Current.CancellationToken))!.Spec.Replicas);
    }

    [Fact]
    public async Task Viewer_NoScaleButtons()
    {
        SignInAs(KubeMesos.Dashboard.Security.ClusterRoles.Viewer);
        await _store.CreateAsync(new V1ReplicationController
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new V1ReplicationControllerSpec { Replicas = 2, Selector = new Dictionary<string, string> { ["app"] = "web" } },
        }, Xunit.TestContext.Current.CancellationToken);

        var page = Render<ReplicationControllers>();

        page.WaitForAssertion(() => Assert.Contains("app=web", page.Markup));
        Assert.Empty(page.FindAll("button[aria-label^='Scale ']"));
    }
}
