using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>
/// The label board journey: an RC of 2 and a service selecting tier=web, bare pods tier=db; relabel on the board by
/// drag and drop and by the toolbar, read the impact preview, Apply, and find the service's endpoints and the RC's
/// pods in the store exactly as the preview said.
/// </summary>
public sealed class LabelBoardTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 30_000 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IObjectStore Store => app.App.Services.GetRequiredService<IObjectStore>();

    [Fact]
    public async Task Relabel_DragAndToolbar_PreviewThenApply_EndpointsAndRcPodsAsPreviewed()
    {
        var writer = app.App.Services.GetRequiredService<ClusterWriter>();
        await writer.CreateAsync(Service("web"), Ct);
        await writer.CreateAsync(Service("db"), Ct);
        await writer.CreateAsync(Rc(), Ct);
        await writer.CreateAsync(BarePod("db-1"), Ct);
        await writer.CreateAsync(BarePod("db-2"), Ct);
        await WaitAsync(async () => await SettledAsync() && (await ReadyAsync("db")).Count == 2, "2 RC pods behind web, db-1 and db-2 behind db");
        var rcPods = await RcPodsAsync();

        var page = await app.OpenAsync("/labels?key=tier");
        var web = page.GetByRole(AriaRole.Listitem, new() { Name = "Column web" });
        var db = page.GetByRole(AriaRole.Listitem, new() { Name = "Column db" });
        await Expect(db.GetByRole(AriaRole.Button, new() { Name = "db-2" })).ToBeVisibleAsync(Soon);
        await Expect(web.GetByRole(AriaRole.Button, new() { Name = rcPods[0] })).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "labels-board");

        // 1. Drag one of the RC's pods to db: web loses it, db gains it, the RC releases it and makes a replacement.
        var moved = rcPods[0];
        await web.GetByRole(AriaRole.Button, new() { Name = moved }).DragToAsync(db);
        var preview = page.GetByRole(AriaRole.Region, new() { Name = "Impact preview" });
        await Expect(preview.GetByText("service web: \u22121 endpoint")).ToBeVisibleAsync(Soon);
        await Expect(preview.GetByText("service db: +1 endpoint")).ToBeVisibleAsync(Soon);
        await Expect(preview.GetByText("rc web: releases 1 \u00b7 creates 1 replacement")).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "labels-preview-release");
        await preview.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Results" }).GetByText("1 applied", new() { Exact = true })).ToBeVisibleAsync(Soon);

        await WaitAsync(async () => await SettledAsync() && (await ReadyAsync("db")).SetEquals(["db-1", "db-2", moved])
                && (await Store.GetAsync<V1Pod>("default", moved, Ct))?.Metadata.OwnerReferences is null,
            "the moved pod released and behind db, a replacement ready behind web");
        var afterRelease = await RcPodsAsync();
        Assert.DoesNotContain(moved, afterRelease);
        Assert.Single(afterRelease.Except(rcPods)); // exactly the 1 replacement previewed
        Assert.Equal(2, (await ReadyAsync("web")).Count);
        await Expect(db.GetByRole(AriaRole.Button, new() { Name = moved })).ToBeVisibleAsync(Soon);

        // 2. Select db-1 and db-2 (click, shift-click) and set tier=web with the toolbar: the RC adopts both and
        //    deletes 2 surplus pods, the ones the preview names.
        await page.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await db.GetByRole(AriaRole.Button, new() { Name = "db-1" }).ClickAsync();
        await db.GetByRole(AriaRole.Button, new() { Name = "db-2" }).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        var toolbar = page.GetByRole(AriaRole.Toolbar, new() { Name = "Selection" });
        await Expect(toolbar.GetByText("2 selected")).ToBeVisibleAsync(Soon);
        await toolbar.GetByLabel("Key").FillAsync("tier");
        await toolbar.GetByLabel("Value").FillAsync("web");
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();
        await Expect(preview.GetByText("service web: +2 endpoints")).ToBeVisibleAsync(Soon);
        await Expect(preview.GetByText("rc web: adopts 2 \u00b7 deletes 2 surplus")).ToBeVisibleAsync(Soon);
        var deletes = await preview.Locator(".km-effect", new() { HasText = "rc web" }).Locator(".km-pod-name-loss").AllTextContentsAsync();
        Assert.Equal(2, deletes.Count);
        await DashboardAppFixture.ScreenshotAsync(page, "labels-preview");
        await preview.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Results" }).GetByText("2 applied", new() { Exact = true })).ToBeVisibleAsync(Soon);

        var expected = afterRelease.Concat(["db-1", "db-2"]).Except(deletes).ToHashSet();
        await WaitAsync(async () => await SettledAsync() && (await RcPodsAsync()).ToHashSet().SetEquals(expected)
                && (await ReadyAsync("web")).SetEquals(expected) && (await ReadyAsync("db")).SetEquals([moved]),
            $"rc web keeping {string.Join(", ", expected)} (deleting {string.Join(", ", deletes)}), the same behind web");
        foreach (var gone in deletes)
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = gone, Exact = true })).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        }

        await DashboardAppFixture.ScreenshotAsync(page, "labels-applied");

        // The agents board: the same columns by a node label, in the URL.
        await page.GetByRole(AriaRole.Group, new() { Name = "Group" }).GetByRole(AriaRole.Button, new() { Name = "Agents" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "agents" })).ToBeVisibleAsync(Soon);
        Assert.Contains("show=agents", page.Url, StringComparison.Ordinal);
        await DashboardAppFixture.ScreenshotAsync(page, "labels-agents");
    }

    private async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        // Each write bumps the store version; waiting for the next one is waiting on a change, not on time.
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for {what}. {await DescribeAsync()}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>rc web has 2 active pods, all running and ready, nothing terminating, and says so.</summary>
    private async Task<bool> SettledAsync()
    {
        var pods = (await Store.ListAsync<V1Pod>(new StoreListOptions("default"), Ct)).Items;
        var owned = pods.Where(p => PodStates.ControllerOf(p)?.Name == "web").ToList();
        var rc = await Store.GetAsync<V1ReplicationController>("default", "web", Ct);
        return owned.Count == 2 && owned.All(p => PodStates.IsReady(p) && !PodStates.IsTerminating(p))
               && pods.All(p => !PodStates.IsTerminating(p))
               && rc?.Status?.ReadyReplicas == 2 && rc.Status.Replicas == 2
               && (await ReadyAsync("web")).SetEquals(owned.Select(p => p.Metadata.Name));
    }

    private async Task<List<string>> RcPodsAsync() =>
        (await Store.ListAsync<V1Pod>(new StoreListOptions("default"), Ct)).Items
        .Where(p => PodStates.ControllerOf(p)?.Name == "web").Select(p => p.Metadata.Name).Order(StringComparer.Ordinal).ToList();

    private async Task<HashSet<string>> ReadyAsync(string service) =>
        ((await Store.GetAsync<V1Endpoints>("default", service, Ct))?.Subsets ?? [])
        .SelectMany(s => s.Addresses ?? []).Select(a => a.TargetRef.Name).ToHashSet(StringComparer.Ordinal);

    private async Task<string> DescribeAsync()
    {
        var pods = (await Store.ListAsync<V1Pod>(new StoreListOptions("default"), Ct)).Items;
        return "pods: " + string.Join("; ", pods.Select(p =>
                   $"{p.Metadata.Name} tier={(p.Metadata.Labels?.TryGetValue("tier", out var t) == true ? t : null)} {p.Status?.Phase} ready={PodStates.IsReady(p)} owner={PodStates.ControllerOf(p)?.Name}{(PodStates.IsTerminating(p) ? " terminating" : "")}"))
               + $". web: {string.Join(",", await ReadyAsync("web"))}; db: {string.Join(",", await ReadyAsync("db"))}";
    }

    private static V1Service Service(string tier) => new()
    {
        ApiVersion = "v1", Kind = "Service",
        Metadata = new V1ObjectMeta { Name = tier, NamespaceProperty = "default" },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["tier"] = tier },
            Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" }],
        },
    };

    private static V1ReplicationController Rc() => new()
    {
        ApiVersion = "v1", Kind = "ReplicationController",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = 2,
            Selector = new Dictionary<string, string> { ["tier"] = "web" },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["tier"] = "web" } },
                Spec = new V1PodSpec { Containers = [Container()] },
            },
        },
    };

    private static V1Pod BarePod(string name) => new()
    {
        ApiVersion = "v1", Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["tier"] = "db" } },
        Spec = new V1PodSpec { Containers = [Container()] },
    };

    private static V1Container Container() => new()
    {
        Name = "main", Image = "nginx",
        Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }],
        Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("16Mi") } },
    };
}
