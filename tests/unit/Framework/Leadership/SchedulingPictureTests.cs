using KubeMesos.Framework.Leadership;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Framework.Leadership;

public sealed class SchedulingPictureTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static OfferView Offer(string id, string agent) => new(id, agent, agent + ".host", 2, 1024, 100, "[31000-32000]", s_t0);

    private static AgentView Agent(string id, int pods) =>
        new(id, id + ".host", 4, 4096, pods, pods * 64, pods, new Dictionary<string, string> { ["zone"] = "a" }) { DiskCapacityMb = 1000 };

    private static PlacementView Placement(string name, int second) =>
        new("default", name, "a1", "a1.host", "o-" + name, s_t0.AddSeconds(second), "FirstFit", RunnersUp: [new RunnerUpView("a2.host", 1.5)]);

    private static ClusterSnapshot Leader() =>
        ClusterSnapshot.Empty()
            .Apply(new SchedulerStatusChanged(new SchedulerStatusView(true, "http://m:5050/", "fw-1", null)))
            .Apply(new AgentUpdated(Agent("a1", 1)))
            .Apply(new AgentUpdated(Agent("a2", 0)))
            .Apply(new OfferReceived(Offer("o1", "a1")))
            .Apply(new OfferReceived(Offer("o2", "a2")))
            .Apply(new PodPlaced(Placement("first", 1)))
            .Apply(new PodPlaced(Placement("second", 2)));

    [Fact]
    public void ChangesFrom_EmptyFollower_GivesTheLeadersPicture_PlacementsOldestFirst()
    {
        var leader = Leader();
        var picture = SchedulingPicture.Parse(SchedulingPicture.Of(leader).ToJson());

        var changes = picture.ChangesFrom(ClusterSnapshot.Empty());
        var follower = ClusterSnapshot.Empty().Apply(changes);

        Assert.Equal(["o1", "o2"], follower.Offers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["a1", "a2"], follower.Agents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("zone", Assert.Single(follower.Agents["a1"].Attributes).Key);
        Assert.Equal(["second", "first"], follower.RecentPlacements.Select(p => p.Name));
        Assert.Equal(["first", "second"], changes.OfType<PodPlaced>().Select(p => p.Placement.Name));
        Assert.Equal(leader.Scheduler, follower.Scheduler);
    }

    [Fact]
    public void ChangesFrom_FollowerAlreadyShowsIt_NoChanges()
    {
        var picture = SchedulingPicture.Parse(SchedulingPicture.Of(Leader()).ToJson());
        var follower = ClusterSnapshot.Empty().Apply(picture.ChangesFrom(ClusterSnapshot.Empty()));

        // Decoded again (new collections, equal content): nothing to publish.
        var again = SchedulingPicture.Parse(SchedulingPicture.Of(Leader()).ToJson());
        Assert.Empty(again.ChangesFrom(follower));
    }

    [Fact]
    public void ChangesFrom_LeaderMovedOn_OnlyTheDifferences()
    {
        var follower = ClusterSnapshot.Empty().Apply(SchedulingPicture.Of(Leader()).ChangesFrom(ClusterSnapshot.Empty()));
        var next = Leader()
            .Apply(new OfferRemoved("o1", OfferRemovalReason.Accepted))
            .Apply(new AgentUpdated(Agent("a1", 2)))
            .Apply(new AgentRemoved("a2"))
            .Apply(new PodPlaced(Placement("third", 3)));

        var changes = SchedulingPicture.Parse(SchedulingPicture.Of(next).ToJson()).ChangesFrom(follower);

        Assert.Equal("o1", Assert.IsType<OfferRemoved>(Assert.Single(changes, c => c is OfferRemoved)).OfferId);
        Assert.DoesNotContain(changes, c => c is OfferReceived);
        Assert.Equal("a2", Assert.IsType<AgentRemoved>(Assert.Single(changes, c => c is AgentRemoved)).AgentId);
        Assert.Equal(2, Assert.IsType<AgentUpdated>(Assert.Single(changes, c => c is AgentUpdated)).Agent.PodCount);
        Assert.Equal("third", Assert.IsType<PodPlaced>(Assert.Single(changes, c => c is PodPlaced)).Placement.Name);
        Assert.DoesNotContain(changes, c => c is SchedulerStatusChanged);
    }

    [Fact]
    public void NoLeader_WithdrawsOffers_SaysDisconnected_KeepsAgentsAndPlacements()
    {
        var follower = ClusterSnapshot.Empty().Apply(SchedulingPicture.Of(Leader()).ChangesFrom(ClusterSnapshot.Empty()));

        var after = follower.Apply(SchedulingPicture.NoLeader(follower).ChangesFrom(follower));

        Assert.Empty(after.Offers);
        Assert.False(after.Scheduler.Connected);
        Assert.Equal("fw-1", after.Scheduler.FrameworkId);
        Assert.Equal("no replica leads", after.Scheduler.LastError);
        Assert.Equal(2, after.Agents.Count);
        Assert.Equal(2, after.RecentPlacements.Count);
    }

    [Fact]
    public void Parse_NotJson_Throws()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => SchedulingPicture.Parse("{not json"));
    }
}
