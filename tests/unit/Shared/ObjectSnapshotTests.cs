using System.Text.Json;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Shared;

public sealed class ObjectSnapshotTests
{
    private static readonly IReadOnlyDictionary<string, string> App = new Dictionary<string, string> { ["app"] = "web" };

    private static ReplicationControllerView Rc(string name, int desired, int current, int ready) =>
        new("default", name, "u-" + name, desired, current, ready, App, App, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch);

    private static EventView Event(string name, DateTimeOffset lastSeen, int count = 1) =>
        new("default", name, EventView.Normal, "Scheduled", "assigned", "Pod", "default", "web-1", count, lastSeen);

    [Fact]
    public void Apply_ReplicationControllerUpdatedThenRemoved_KeepsTheNewestViewByKey()
    {
        var snapshot = ClusterSnapshot.Empty().Apply([new ReplicationControllerUpdated(Rc("web", 3, 1, 0)), new ReplicationControllerUpdated(Rc("web", 3, 3, 2))]);

        var rc = Assert.Single(snapshot.ReplicationControllers).Value;
        Assert.Equal((3, 3, 2), (rc.Desired, rc.Current, rc.Ready));
        Assert.False(rc.IsHealthy);
        Assert.Equal(2, snapshot.Version);

        snapshot = snapshot.Apply(new ReplicationControllerRemoved("default", "web"));
        Assert.Empty(snapshot.ReplicationControllers);
    }

    [Fact]
    public void Apply_ServicesAndEndpoints_UpdatedAndRemovedByKey()
    {
        var service = new ServiceView("team", "api", "u1", App, new Dictionary<string, string>(), [new ServicePortView("http", 80, "TCP", "8080")], DateTimeOffset.UnixEpoch);
        var endpoints = new EndpointsView("team", "api", [new EndpointAddressView("web-1", "agent-0", [31000])], []);

        var snapshot = ClusterSnapshot.Empty().Apply([new ServiceUpdated(service), new EndpointsUpdated(endpoints)]);
        Assert.Same(service, snapshot.Services["team/api"]);
        Assert.Equal("web-1", Assert.Single(snapshot.Endpoints["team/api"].Ready).PodName);

        snapshot = snapshot.Apply([new EndpointsRemoved("team", "api"), new ServiceRemoved("team", "api")]);
        Assert.Empty(snapshot.Services);
        Assert.Empty(snapshot.Endpoints);
    }

    [Fact]
    public void Apply_EventsOutOfOrder_NewestFirstAndARepeatReplacesTheOldOne()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var snapshot = ClusterSnapshot.Empty().Apply([
            new EventRecorded(Event("b", t0.AddSeconds(2))),
            new EventRecorded(Event("a", t0.AddSeconds(1))),
            new EventRecorded(Event("c", t0.AddSeconds(3))),
            new EventRecorded(Event("a", t0.AddSeconds(4), count: 2)),
        ]);

        Assert.Equal(["a", "c", "b"], snapshot.RecentEvents.Select(e => e.Name));
        Assert.Equal(2, snapshot.RecentEvents[0].Count);
    }

    [Fact]
    public void Apply_MoreEventsThanTheHistory_KeepsTheNewestBounded()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        // Delivered oldest last, as a relist by name can: the history still ends up with the newest.
        var changes = Enumerable.Range(0, ClusterSnapshot.EventHistory + 100).Reverse()
            .Select(i => (ClusterChange)new EventRecorded(Event($"e{i:D4}", t0.AddSeconds(i))));

        var snapshot = ClusterSnapshot.Empty().Apply(changes);

        Assert.Equal(ClusterSnapshot.EventHistory, snapshot.RecentEvents.Count);
        Assert.Equal($"e{ClusterSnapshot.EventHistory + 99:D4}", snapshot.RecentEvents[0].Name);
        Assert.Equal("e0100", snapshot.RecentEvents[^1].Name);
    }

    [Fact]
    public void Json_NewChanges_CarryCamelCaseKindsAndRoundTrip()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ClusterChange change = new ReplicationControllerUpdated(Rc("web", 2, 2, 2));

        var json = JsonSerializer.Serialize(change, options);
        var back = Assert.IsType<ReplicationControllerUpdated>(JsonSerializer.Deserialize<ClusterChange>(json, options));

        Assert.Contains("\"kind\":\"replicationControllerUpdated\"", json, StringComparison.Ordinal);
        Assert.Equal("web", back.ReplicationController.Name);
        Assert.True(back.ReplicationController.IsHealthy);
    }

    [Fact]
    public void Json_Snapshot_CarriesTheObjectMaps()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var snapshot = ClusterSnapshot.Empty().Apply([new ReplicationControllerUpdated(Rc("web", 1, 1, 1)), new EventRecorded(Event("e", DateTimeOffset.UnixEpoch))]);

        var back = JsonSerializer.Deserialize<ClusterSnapshot>(JsonSerializer.Serialize(snapshot, options), options)!;

        Assert.Equal(["default/web"], back.ReplicationControllers.Keys);
        Assert.Equal("e", Assert.Single(back.RecentEvents).Name);
    }
}
