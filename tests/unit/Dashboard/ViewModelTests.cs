using Xunit;
using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class ViewModelTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private static PodView Pod(string name, int second, string phase = PodPhases.Pending, string? node = null, string? message = null) =>
        new("default", name, phase, node, null, null, 1, 512, new Dictionary<string, string>(), T0.AddSeconds(second), message);

    [Fact]
    public void SchedulingViewModel_Snapshot_OrdersOffersOldestFirstQueueFcfsPodsNewestFirst()
    {
        var snapshot = ClusterSnapshot.Empty().Apply(
        [
            new OfferReceived(new OfferView("o-2", "a2", "agent-2", 1, 1024, 0, "", T0.AddSeconds(5))),
            new OfferReceived(new OfferView("o-1", "a1", "agent-1", 2, 2048, 0, "", T0)),
            new PodUpdated(Pod("late", 10)),
            new PodUpdated(Pod("early", 1)),
            new PodUpdated(Pod("running", 5, PodPhases.Running, "agent-1")),
        ]);

        var view = new SchedulingViewModel(snapshot, placementsShown: 10);

        Assert.Equal(["o-1", "o-2"], view.Offers.Select(o => o.OfferId));
        Assert.Equal(["early", "late"], view.PendingQueue.Select(p => p.Name));
        Assert.Equal(["late", "running", "early"], view.LatestPods.Select(p => p.Name));
        Assert.Equal(3, view.PodCount);
        Assert.Equal(1, view.RunningPods);
        Assert.Equal(3, view.OfferedCpus);
        Assert.Equal(3072, view.OfferedMemMb);
    }

    [Fact]
    public void SchedulingViewModel_Namespace_PodsAndPlacementsOfThatNamespaceOffersOfAll()
    {
        var snapshot = ClusterSnapshot.Empty().Apply(
        [
            new OfferReceived(new OfferView("o-1", "a1", "agent-1", 2, 2048, 0, "", T0)),
            new PodUpdated(Pod("web", 1)),
            new PodUpdated(Pod("shop-queued", 2) with { Namespace = "shop" }),
            new PodUpdated(Pod("shop-running", 3, PodPhases.Running, "agent-1") with { Namespace = "shop" }),
            new PodPlaced(new PlacementView("default", "web-old", "a1", "agent-1", "o-0", T0)),
            new PodPlaced(new PlacementView("shop", "shop-running", "a1", "agent-1", "o-0", T0.AddSeconds(3))),
        ]);

        var view = new SchedulingViewModel(snapshot, placementsShown: 10, @namespace: "shop");

        Assert.Equal(["shop-queued"], view.PendingQueue.Select(p => p.Name));
        Assert.Equal(["shop-running", "shop-queued"], view.LatestPods.Select(p => p.Name));
        Assert.Equal(["shop-running"], view.Placements.Select(p => p.Name));
        Assert.Equal((2, 1), (view.PodCount, view.RunningPods));
        Assert.Equal(["o-1"], view.Offers.Select(o => o.OfferId)); // offers belong to the cluster
        Assert.Equal(3, new SchedulingViewModel(snapshot, placementsShown: 10, @namespace: " ").PodCount); // blank = all
    }

    [Fact]
    public void SchedulingViewModel_ManyPlacements_ShowsNewestUpToLimit()
    {
        var changes = Enumerable.Range(0, 30)
            .Select(i => (ClusterChange)new PodPlaced(new PlacementView("default", $"p{i}", "a1", "agent-1", $"o{i}", T0.AddSeconds(i))));
        var snapshot = ClusterSnapshot.Empty().Apply(changes);

        var view = new SchedulingViewModel(snapshot, placementsShown: 5);

        Assert.Equal(["p29", "p28", "p27", "p26", "p25"], view.Placements.Select(p => p.Name));
    }

    [Fact]
    public void SchedulingViewModel_ManyPods_LatestUpToLimitCountsAll()
    {
        var snapshot = ClusterSnapshot.Empty().Apply(Enumerable.Range(0, 50).Select(i => (ClusterChange)new PodUpdated(Pod($"p{i}", i))));

        var view = new SchedulingViewModel(snapshot, placementsShown: 5, latestPodsShown: 3);

        Assert.Equal(["p49", "p48", "p47"], view.LatestPods.Select(p => p.Name));
        Assert.Equal(50, view.PodCount);
        Assert.Equal(50, view.PendingQueue.Count);
    }

    [Fact]
    public void PendingReason_NoMessage_DefaultText()
    {
        Assert.Equal("Waiting for a matching offer", SchedulingViewModel.PendingReason(Pod("x", 0)));
        Assert.Equal("0/1 agents fit", SchedulingViewModel.PendingReason(Pod("x", 0, message: "0/1 agents fit")));
    }

    [Fact]
    public void AgentRow_From_PercentsTextsAndSortedAttributes()
    {
        var agent = new AgentView("a1", "agent-1", 4, 8192, 3, 2048, 3,
            new Dictionary<string, string> { ["zone"] = "b", ["rack"] = "r2" });

        var row = AgentRow.From(agent);

        Assert.Equal(75, row.CpuPercent);
        Assert.Equal(25, row.MemPercent);
        Assert.Equal("3.00 / 4.00 cpus", row.CpuText);
        Assert.Equal("2.00 GiB / 8.00 GiB", row.MemText);
        Assert.Equal(["rack=r2", "zone=b"], row.Attributes);
    }

    [Fact]
    public void AgentRow_ZeroCapacity_ZeroPercent()
    {
        var row = AgentRow.From(new AgentView("a1", "agent-1", 0, 0, 0, 0, 0, new Dictionary<string, string>()));

        Assert.Equal(0, row.CpuPercent);
        Assert.Equal(0, row.MemPercent);
    }
}
