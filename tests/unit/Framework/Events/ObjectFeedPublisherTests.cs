using k8s.Models;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Framework.Events;

public sealed class ObjectFeedPublisherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_ObjectsInTheStore_ListedThenWatchedIntoTheFeed()
    {
        using var store = new InMemoryObjectStore();
        var feed = new ClusterFeed(Options.Create(new ClusterFeedOptions()));
        await store.CreateAsync(Rc("web", 3), Ct);
        using var publisher = new ObjectFeedPublisher(store, feed, TimeProvider.System, NullLogger<ObjectFeedPublisher>.Instance);
        await publisher.StartAsync(Ct);

        // Listed: the object that was there before the publisher started.
        await FeedWaiter.WaitForAsync(feed, s => s.ReplicationControllers.ContainsKey("default/web"), Timeout, "the listed RC");

        // Watched: later writes of each kind.
        var rc = (await store.GetAsync<V1ReplicationController>("default", "web", Ct))!;
        rc.Status = new V1ReplicationControllerStatus { Replicas = 3, ReadyReplicas = 2 };
        await store.UpdateAsync(rc, Ct);
        await store.CreateAsync(Service("api"), Ct);
        await store.CreateAsync(Endpoints("api", "web-1", "agent-0", 31000), Ct);
        await store.CreateAsync(Event("web-1.1", "Scheduled", "web-1"), Ct);
        var snapshot = await FeedWaiter.WaitForAsync(
            feed,
            s => s.ReplicationControllers.TryGetValue("default/web", out var v) && v.Ready == 2
                && s.Services.ContainsKey("default/api") && s.Endpoints.ContainsKey("default/api") && s.RecentEvents.Count == 1,
            Timeout,
            "the watched RC status, service, endpoints and event");

        var view = snapshot.ReplicationControllers["default/web"];
        Assert.Equal((3, 3, 2), (view.Desired, view.Current, view.Ready));
        Assert.Equal("web", view.Selector["app"]);
        Assert.Equal(80, Assert.Single(snapshot.Services["default/api"].Ports).Port);
        var address = Assert.Single(snapshot.Endpoints["default/api"].Ready);
        Assert.Equal(("web-1", "agent-0", 31000), (address.PodName, address.Host, Assert.Single(address.Ports)));
        var e = Assert.Single(snapshot.RecentEvents);
        Assert.True(e.IsAbout("pod", "default", "web-1"));
        Assert.Equal("scheduler", e.Source);

        // Deletes leave the feed.
        await store.DeleteAsync<V1ReplicationController>("default", "web", cancellationToken: Ct);
        await store.DeleteAsync<V1Service>("default", "api", cancellationToken: Ct);
        await store.DeleteAsync<V1Endpoints>("default", "api", cancellationToken: Ct);
        await FeedWaiter.WaitForAsync(feed, s => s.ReplicationControllers.IsEmpty && s.Services.IsEmpty && s.Endpoints.IsEmpty, Timeout, "the deletes");

        await publisher.StopAsync(Ct);
    }

    [Fact]
    public async Task RecordedEvents_ReachTheFeedOnceEach_FromTheRecorder_TheirEchoesLeftOutOfTheWatch()
    {
        using var store = new InMemoryObjectStore();
        var feed = new ClusterFeed(Options.Create(new ClusterFeedOptions()));
        var recorder = new KubernetesEventRecorder(store, TimeProvider.System, NullLogger<KubernetesEventRecorder>.Instance, feed);
        using var publisher = new ObjectFeedPublisher(store, feed, TimeProvider.System, NullLogger<ObjectFeedPublisher>.Instance, recorder);
        await publisher.StartAsync(Ct);
        await store.CreateAsync(Event("before", "Scheduled", "web-0"), Ct);
        await FeedWaiter.WaitForAsync(feed, s => s.RecentEvents.Any(e => e.Name == "before"), Timeout, "the publisher watching");
        using var subscription = feed.Subscribe();
        var pod = new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "default", Uid = "u-1" } };

        for (var i = 0; i < 20; i++)
        {
            await recorder.RecordAsync(pod, KubernetesEventRecorder.Normal, "Scheduled", $"assigned {i}", "scheduler", Ct);
        }

        await recorder.RecordAsync(pod, KubernetesEventRecorder.Normal, "Scheduled", "assigned 0", "scheduler", Ct);
        // Written past the recorder: the watch tells it, after any echo of the events before it.
        await store.CreateAsync(Event("after", "Scheduled", "web-2"), Ct);
        var told = new List<EventView>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        while (!told.Any(e => e.Name == "after"))
        {
            told.AddRange((await subscription.ReadBatchAsync(timeout.Token)).OfType<EventRecorded>().Select(c => c.Event));
        }

        var ours = told.Where(e => e.InvolvedName == "web-1").ToList();
        Assert.Equal(21, ours.Count);
        Assert.Equal(20, ours.Select(e => e.Name).Distinct().Count());
        Assert.Equal(2, ours[^1].Count);
        Assert.Equal(0, recorder.Echoes.Count);
        var stored = (await store.ListAsync<Corev1Event>(new StoreListOptions(), Ct)).Items.Single(e => e.Metadata.Name == ours[^1].Name);
        Assert.Equal(ObjectViews.From(stored), ours[^1]);
        await publisher.StopAsync(Ct);
    }

    private static readonly Dictionary<string, string> App = new() { ["app"] = "web" };

    private static V1ReplicationController Rc(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = replicas,
            Selector = App,
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = App },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
            },
        },
    };

    private static V1Service Service(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1ServiceSpec { Selector = App, Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080 }] },
    };

    private static V1Endpoints Endpoints(string name, string pod, string node, int port) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Subsets =
        [
            new V1EndpointSubset
            {
                Addresses = [new V1EndpointAddress { Ip = "127.0.0.1", NodeName = node, TargetRef = new V1ObjectReference { Kind = "Pod", Name = pod } }],
                Ports = [new Corev1EndpointPort { Name = "http", Port = port }],
            },
        ],
    };

    private static Corev1Event Event(string name, string reason, string pod) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = pod, NamespaceProperty = "default" },
        Reason = reason,
        Message = "assigned",
        Type = "Normal",
        Count = 1,
        LastTimestamp = DateTime.UtcNow,
        Source = new V1EventSource { Component = "scheduler" },
    };
}
