using Bunit;
using k8s.Models;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KubeMesos.Tests.Unit.Dashboard;

/// <summary>The Services list and the pod, service and replication controller pages over a feed the test writes to.</summary>
public sealed class ObjectPagesTests : DashboardTestContext
{
    public ObjectPagesTests() => Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private static readonly Dictionary<string, string> App = new() { ["app"] = "web" };

    private async Task<V1ReplicationController> StoreRcAsync(string name, int replicas) =>
        await Store.CreateAsync(new V1ReplicationController
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = new Dictionary<string, string>(App) },
            Spec = new V1ReplicationControllerSpec
            {
                Replicas = replicas,
                Selector = new Dictionary<string, string>(App),
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(App) },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
                },
            },
        }, Ct);

    [Fact]
    public void Services_RowsWithPortsEndpointsAndLinks_EmptyStateOtherwise()
    {
        var empty = Render<Services>();
        Assert.Contains("No services yet", empty.Markup);
        empty.Dispose();

        Feed.Publish([
            new ServiceUpdated(ServiceView("front")),
            new EndpointsUpdated(new EndpointsView("default", "front", [new EndpointAddressView("web-1", "agent-0", [31000])], [new EndpointAddressView("web-2", "agent-1", [31001])])),
        ]);
        var page = Render<Services>();

        var row = page.FindAll("tbody tr").Single(r => r.TextContent.Contains("front"));
        Assert.Contains("80→8080/TCP", row.TextContent);
        Assert.Contains("1 ready, 1 not ready", row.TextContent);
        Assert.NotNull(row.QuerySelector("a[href='services/default/front']"));
        Assert.NotNull(row.QuerySelector("a[href='pods?selector=app%3Dweb']"));
    }

    [Fact]
    public void PodPage_ShowsPlacementTaskHostPortsEventsAndMarkupAsText()
    {
        var pod = Pod("web-1", PodPhases.Running, "agent-3") with
        {
            Uid = "u1",
            TaskIds = ["u1.main"],
            HostPorts = [new HostPortView("TCP", 8080, 31005)],
            Labels = new Dictionary<string, string> { ["note"] = "<b>bold</b>" },
        };
        Feed.Publish([
            new PodUpdated(pod),
            new EventRecorded(EventView("e1", "Scheduled", "Pod", "web-1", "Successfully assigned default/web-1 to agent-3", Now)),
            new EventRecorded(EventView("e2", "Scheduled", "Pod", "other", "not about this pod", Now)),
        ]);

        var page = Render<PodDetail>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "web-1"));

        var summary = page.Find("[aria-label=Summary]");
        Assert.NotNull(summary.QuerySelector("a[href='agents/agent-agent-3']"));
        Assert.Contains("u1.main", summary.TextContent);
        Assert.Contains("8080/TCP → agent-3:31005", summary.TextContent);
        Assert.Contains("Successfully assigned default/web-1", page.Markup);
        Assert.DoesNotContain("not about this pod", page.Markup);
        Assert.Contains("note=&lt;b&gt;bold&lt;/b&gt;", page.Markup);
        Assert.Empty(page.FindAll("b"));
    }

    [Fact]
    public async Task PodPage_YamlTabFromTheUrl_ShowsTheStoredObject()
    {
        await Store.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "default" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
        }, Ct);
        Feed.Publish(new PodUpdated(Pod("web-1")));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/pods/default/web-1?tab=yaml");

        var page = Render<PodDetail>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "web-1"));

        page.WaitForAssertion(() => Assert.Contains("image: nginx:1.27", page.Find("pre[aria-label=YAML]").TextContent));
    }

    [Fact]
    public void PodPage_Gone_SaysSo()
    {
        var page = Render<PodDetail>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "ghost"));

        page.WaitForAssertion(() => Assert.Contains("does not exist", page.Markup));
    }

    [Fact]
    public async Task RcPage_DeleteWithoutItsPods_ConfirmationNamesItAndOrphans()
    {
        await StoreRcAsync("web", 2);
        Feed.Publish([
            new ReplicationControllerUpdated(RcView("web", 2, 2, 1)),
            new PodUpdated(Pod("web-a", PodPhases.Running, "agent-0") with { Labels = App }),
            new PodUpdated(Pod("web-b") with { Labels = App }),
            new PodUpdated(Pod("other") with { Labels = new Dictionary<string, string> { ["app"] = "db" } }),
        ]);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ReplicationControllerDetail>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "web"));

        Assert.Equal("2", page.Find("[aria-label=Desired]").TextContent.Trim());
        Assert.Equal("1", page.Find("[aria-label=Ready]").TextContent.Trim());
        Assert.Contains("converging", page.Find("[role=status]").TextContent);
        var pods = page.FindAll("[aria-label=Pods] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, pods.Count);
        Assert.DoesNotContain(pods, r => r.Contains("other"));

        // The click's handler waits for the dialog's answer: answer it, then await the click.
        var deleting = page.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Delete replication controller web?", dialogs.Markup));
        Assert.Contains("Also delete its pods (2)", dialogs.Markup);
        await dialogs.Find("input[type=checkbox]").ChangeAsync(new ChangeEventArgs { Value = false });
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").ClickAsync(new());
        await deleting.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        await WaitUntilGoneAsync("web");
        Assert.EndsWith("/replicationcontrollers", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RcPage_ScaleByTyping_WritesTheNumber()
    {
        await StoreRcAsync("web", 2);
        Feed.Publish(new ReplicationControllerUpdated(RcView("web", 2, 2, 2)));
        var page = Render<ReplicationControllerDetail>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "web"));

        var field = page.FindComponent<MudNumericField<int>>();
        await page.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(6));
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Scale").ClickAsync(new());

        Assert.Equal(6, (await Store.GetAsync<V1ReplicationController>("default", "web", Ct))!.Spec.Replicas);
    }

    [Fact]
    public void ServicePage_ListsLiveEndpoints()
    {
        Feed.Publish([
            new ServiceUpdated(ServiceView("front")),
            new PodUpdated(Pod("web-1", PodPhases.Running, "agent-0") with { Labels = App }),
        ]);
        var page = Render<ServiceDetail>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "front"));
        Assert.Contains("No endpoints", page.Markup);

        Feed.Publish(new EndpointsUpdated(new EndpointsView("default", "front", [new EndpointAddressView("web-1", "agent-0", [31000])], [])));

        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("[aria-label=Endpoints] tbody tr"));
            Assert.Contains("agent-0", row.TextContent);
            Assert.Contains("31000", row.TextContent);
            Assert.NotNull(row.QuerySelector("a[href='pods/default/web-1']"));
        });
        Assert.Contains("(1 pods)", page.Markup);
    }

    private async Task WaitUntilGoneAsync(string name)
    {
        for (var i = 0; i < 200 && await Store.GetAsync<V1ReplicationController>("default", name, Ct) is not null; i++)
        {
            await Task.Yield();
        }

        Assert.Null(await Store.GetAsync<V1ReplicationController>("default", name, Ct));
    }
}
