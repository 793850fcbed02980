using k8s.Models;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using KubeMesos.Shared.Labels;
using KubeMesos.Tests.Unit.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Dashboard.Labels;

/// <summary>
/// The impact preview against what the real controllers then do: the framework and embedded master run, the change is
/// written through the store, and the endpoints and the RC's creations and deletions must be those the preview said.
/// </summary>
public sealed class LabelImpactIntegrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OrphansMovedIntoRcAndService_EndpointsAndDeletionsAsPreviewed()
    {
        await using var host = await FrameworkHost.StartAsync();
        var store = host.Services.GetRequiredService<IObjectStore>();
        await StartAsync(host, store);
        var before = await PodNamesAsync(store);
        var previewed = await PreviewAsync(store, ["db-1", "db-2"], LabelEdit.Set("tier", "web"));

        var rc = Assert.Single(previewed.ReplicationControllers);
        Assert.Equal(2, rc.Adopts.Count);
        Assert.Equal(2, rc.Deletes.Count);
        Assert.Equal(0, rc.Creates);
        var service = Assert.Single(previewed.Services, s => s.Name == "web");
        Assert.Equal((2, 4, 2), (service.ReadyNow, service.ReadyAfterChange, service.ReadySettled));
        Assert.Equal("+2 endpoints", service.DeltaText);

        await ApplyAsync(store, previewed);

        var expectedPods = before.Except(rc.Deletes).ToHashSet();
        await StoreWaiter.WaitForAsync(store, async ct => (await PodNamesAsync(store)).SetEquals(expectedPods)
                && await ReadyEndpointsAsync(store, "web") is { Count: 2 } ready && ready.SetEquals(WebPodsAfter(expectedPods, ready)),
            Timeout, "the surplus pods the preview named gone and 2 endpoints", () => DescribeAsync(store));
        var ready = await ReadyEndpointsAsync(store, "web");
        Assert.Equal(service.ReadySettled, ready.Count);
        Assert.DoesNotContain(ready, rc.Deletes.Contains);
    }

    [Fact]
    public async Task OwnedPodMovedOut_ReleasedAndReplacedAsPreviewed()
    {
        await using var host = await FrameworkHost.StartAsync();
        var store = host.Services.GetRequiredService<IObjectStore>();
        await StartAsync(host, store);
        var webPod = (await store.ListAsync<V1Pod>(new StoreListOptions("default", LabelSelector.Parse("tier=web")), Ct)).Items
            .Select(p => p.Metadata.Name).Order(StringComparer.Ordinal).First();
        var before = await PodNamesAsync(store);
        var previewed = await PreviewAsync(store, [webPod], LabelEdit.Set("tier", "db"));

        var rc = Assert.Single(previewed.ReplicationControllers);
        Assert.Equal([webPod], rc.Releases);
        Assert.Equal(1, rc.Creates);
        Assert.Empty(rc.Deletes);
        var web = Assert.Single(previewed.Services, s => s.Name == "web");
        Assert.Equal([webPod], web.Losses);
        Assert.Equal(1, web.ReplacementsToJoin);
        var db = Assert.Single(previewed.Services, s => s.Name == "db");
        Assert.Equal([webPod], db.Gains);

        await ApplyAsync(store, previewed);

        await StoreWaiter.WaitForAsync(store, async ct =>
            {
                var now = await PodNamesAsync(store);
                var moved = await store.GetAsync<V1Pod>("default", webPod, ct);
                return now.Count == before.Count + rc.Creates && now.IsSupersetOf(before)
                       && moved?.Metadata.OwnerReferences is null
                       && (await ReadyEndpointsAsync(store, "web")).Count == web.ReadySettled + web.ReplacementsToJoin
                       && (await ReadyEndpointsAsync(store, "db")).Count == db.ReadyAfterChange;
            },
            Timeout, "the moved pod released, one replacement ready behind web, the moved pod behind db", () => DescribeAsync(store));
        Assert.DoesNotContain(webPod, await ReadyEndpointsAsync(store, "web"));
        Assert.Contains(webPod, await ReadyEndpointsAsync(store, "db"));
    }

    /// <summary>RC web (2 replicas, tier=web), services web and db, bare pods db-1 and db-2 (tier=db); all running, ready, endpoints filled.</summary>
    private static async Task StartAsync(FrameworkHost host, IObjectStore store)
    {
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "the framework to subscribe");
        await store.CreateAsync(Service("web"), Ct);
        await store.CreateAsync(Service("db"), Ct);
        await store.CreateAsync(Rc(), Ct);
        await StoreWaiter.WaitForAsync(store, async ct => await ReadyEndpointsAsync(store, "web") is { Count: 2 }, Timeout, "the RC's 2 pods behind web", () => DescribeAsync(store));
        foreach (var name in new[] { "db-1", "db-2" })
        {
            await store.CreateAsync(BarePod(name), Ct);
        }

        await StoreWaiter.WaitForAsync(store, async ct => await ReadyEndpointsAsync(store, "db") is { Count: 2 }, Timeout, "db-1 and db-2 behind db", () => DescribeAsync(store));
        await StoreWaiter.WaitForAsync(store, async ct => (await store.GetAsync<V1ReplicationController>("default", "web", ct))?.Status?.ReadyReplicas == 2,
            Timeout, "the RC to report 2 ready", () => DescribeAsync(store));
    }

    private static async Task<LabelImpact> PreviewAsync(IObjectStore store, IEnumerable<string> pods, LabelEdit edit)
    {
        var objects = await ClusterObjectsReader.ReadAsync(store, ["default"], Ct);
        return LabelImpactPreview.Compute(objects, pods.Select(p => $"default/{p}"), [edit], DateTimeOffset.UtcNow);
    }

    /// <summary>Writes the previewed labels, one pod after another, on the newest version of each.</summary>
    private static async Task ApplyAsync(IObjectStore store, LabelImpact impact)
    {
        foreach (var change in impact.Pods)
        {
            while (true)
            {
                var pod = (await store.GetAsync<V1Pod>(change.Namespace, change.Name, Ct))!;
                pod.Metadata.Labels = new Dictionary<string, string>(change.After);
                try
                {
                    await store.UpdateAsync(pod, Ct);
                    break;
                }
                catch (StoreConflictException)
                {
                    // The scheduler or a controller wrote meanwhile: again on the newest.
                }
            }
        }
    }

    private static HashSet<string> WebPodsAfter(HashSet<string> pods, HashSet<string> ready) => ready.Where(pods.Contains).ToHashSet();

    private static async Task<HashSet<string>> PodNamesAsync(IObjectStore store) =>
        (await store.ListAsync<V1Pod>(new StoreListOptions("default"), Ct)).Items.Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal);

    private static async Task<HashSet<string>> ReadyEndpointsAsync(IObjectStore store, string service) =>
        ((await store.GetAsync<V1Endpoints>("default", service, Ct))?.Subsets ?? [])
            .SelectMany(s => s.Addresses ?? []).Select(a => a.TargetRef.Name).ToHashSet(StringComparer.Ordinal);

    private static async Task<string> DescribeAsync(IObjectStore store)
    {
        var pods = (await store.ListAsync<V1Pod>(new StoreListOptions("default"), Ct)).Items;
        var text = string.Join("; ", pods.Select(p => $"{p.Metadata.Name} tier={(p.Metadata.Labels?.TryGetValue("tier", out var t) == true ? t : null)} {p.Status?.Phase} ready={PodStates.IsReady(p)} owner={PodStates.ControllerOf(p)?.Name}{(PodStates.IsTerminating(p) ? " terminating" : "")}"));
        return $"pods: {text}. web endpoints: {string.Join(",", await ReadyEndpointsAsync(store, "web"))}; db endpoints: {string.Join(",", await ReadyEndpointsAsync(store, "db"))}";
    }

    private static V1Service Service(string tier) => new()
    {
        Metadata = new V1ObjectMeta { Name = tier, NamespaceProperty = "default" },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["tier"] = tier },
            Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" }],
        },
    };

    private static V1ReplicationController Rc() => new()
    {
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
