using Bunit;
using k8s.Models;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class ReplicationControllersPageTests : DashboardTestContext
{
    public ReplicationControllersPageTests() => Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    internal async Task StoreRcAsync(string name, int replicas)
    {
        await Store.CreateAsync(new V1ReplicationController
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Spec = new V1ReplicationControllerSpec
            {
                Replicas = replicas,
                Selector = new Dictionary<string, string>(WebLabels),
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(WebLabels) },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
                },
            },
        }, Ct);
        Feed.Publish(new ReplicationControllerUpdated(RcView(name, replicas)));
    }

    [Fact]
    public void Render_NoControllers_EmptyStateSaysWhatToDo()
    {
        var page = Render<ReplicationControllers>();

        Assert.Contains("No replication controllers yet", page.Markup);
    }

    [Fact]
    public async Task ScaleUp_Clicked_DesiredReplicasWrittenThroughTheWriter()
    {
        await StoreRcAsync("web", 2);
        var page = Render<ReplicationControllers>();
        page.WaitForAssertion(() => Assert.Contains("app=web", page.Markup));

        await page.Find("button[aria-label='Scale up web']").ClickAsync(new());

        Assert.Equal(3, (await Store.GetAsync<V1ReplicationController>("default", "web", Ct))!.Spec.Replicas);
    }

    [Fact]
    public void Rows_LinkToDetailAndPodsAndShowProgress()
    {
        Feed.Publish(new ReplicationControllerUpdated(RcView("web", 3, 3, 1)));

        var page = Render<ReplicationControllers>();

        var row = page.FindAll("tbody tr").Single(r => r.TextContent.Contains("web"));
        Assert.NotNull(row.QuerySelector("a[href='replicationcontrollers/default/web']"));
        Assert.NotNull(row.QuerySelector("a[href='pods?selector=app%3Dweb']"));
        Assert.NotNull(row.QuerySelector("[aria-label='web: 1 of 3 ready']"));
    }

    [Fact]
    public void Query_NamespaceSearchAndSort_AppliedFromTheUrl()
    {
        Feed.Publish([
            new ReplicationControllerUpdated(RcView("api", 1)),
            new ReplicationControllerUpdated(RcView("web", 5)),
            new ReplicationControllerUpdated(RcView("web", 2, ns: "team")),
        ]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/replicationcontrollers?ns=default&sort=desired&dir=desc");

        var page = Render<ReplicationControllers>();

        var names = page.FindAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["web", "api"], names);
        Assert.Equal("descending", page.Find("th[aria-sort='descending']").GetAttribute("aria-sort"));
        Assert.Contains("2 replication controllers", page.Markup);
    }
}

/// <summary>A store where every update conflicts: ten clicks in a row must each end in a message, never a throw.</summary>
public sealed class ReplicationControllersConflictTests : DashboardTestContext
{
    private readonly ConflictingStore _conflicting;

    public ReplicationControllersConflictTests()
    {
        _conflicting = new ConflictingStore(Store);
        Services.AddSingleton<IObjectStore>(_conflicting);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task ScaleUp_TenClicksAllConflicting_ErrorShownNotThrown()
    {
        await Store.CreateAsync(new V1ReplicationController
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new V1ReplicationControllerSpec
            {
                Replicas = 2,
                Selector = new Dictionary<string, string>(WebLabels),
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(WebLabels) },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
                },
            },
        }, Ct);
        Feed.Publish(new ReplicationControllerUpdated(RcView("web", 2)));
        Render<MudSnackbarProvider>();
        var page = Render<ReplicationControllers>();

        for (var click = 0; click < 10; click++)
        {
            await page.Find("button[aria-label='Scale up web']").ClickAsync(new());
        }

        Assert.Equal(10 * KubeMesos.Framework.Store.ConflictRetry.Attempts, _conflicting.Updates);
        Assert.Equal(2, (await Store.GetAsync<V1ReplicationController>("default", "web", Ct))!.Spec.Replicas);
        var snackbar = Services.GetRequiredService<ISnackbar>();
        Assert.Contains(snackbar.ShownSnackbars, s => s.Message?.Contains("kept changing", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Viewer_NoScaleButtons()
    {
        SignInAs(KubeMesos.Dashboard.Security.ClusterRoles.Viewer);
        await Store.CreateAsync(new V1ReplicationController
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new V1ReplicationControllerSpec { Replicas = 2, Selector = new Dictionary<string, string> { ["app"] = "web" } },
        }, Xunit.TestContext.Current.CancellationToken);

        var page = Render<ReplicationControllers>();

        page.WaitForAssertion(() => Assert.Contains("app=web", page.Markup));
        Assert.Empty(page.FindAll("button[aria-label^='Scale ']"));
    }
}
