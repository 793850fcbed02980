using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Shared;

public sealed class ClusterSnapshotTests
{
    private static PodView Pod(string name, DateTimeOffset created, string? node = null, string phase = PodPhases.Pending) =>
        new("default", name, phase, node, null, null, 0.5, 128, new Dictionary<string, string>(), created, null);

    [Fact]
    public void PendingQueue_OnlyUnplacedPendingPods_OldestFirst()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var snapshot = ClusterSnapshot.Empty().Apply([
            new PodUpdated(Pod("b", t0.AddSeconds(2))),
            new PodUpdated(Pod("a", t0.AddSeconds(1))),
            new PodUpdated(Pod("placed", t0, node: "agent-0")),
            new PodUpdated(Pod("running", t0, node: "agent-0", phase: PodPhases.Running)),
        ]);

        Assert.Equal(["a", "b"], snapshot.PendingQueue.Select(p => p.Name));
    }

    [Fact]
    public void Apply_ManyPlacements_KeepsBoundedNewestFirstHistory()
    {
        var snapshot = ClusterSnapshot.Empty();
        for (var i = 0; i < ClusterSnapshot.PlacementHistory + 10; i++)
        {
            snapshot = snapshot.Apply(new PodPlaced(new PlacementView("default", $"p{i}", "S0", "agent-0", "O1", DateTimeOffset.UnixEpoch)));
        }

        Assert.Equal(ClusterSnapshot.PlacementHistory, snapshot.RecentPlacements.Count);
        Assert.Equal($"p{ClusterSnapshot.PlacementHistory + 9}", snapshot.RecentPlacements[0].Name);
    }

    [Fact]
    public void Apply_PodRemoved_RemovesByNamespaceAndName()
    {
        var snapshot = ClusterSnapshot.Empty().Apply([new PodUpdated(Pod("a", DateTimeOffset.UnixEpoch)), new PodRemoved("default", "a")]);

        Assert.Empty(snapshot.Pods);
    }
}
