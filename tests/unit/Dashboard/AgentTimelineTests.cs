using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class AgentTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static AgentView Agent(string id, double cpusUsed, int pods = 1) =>
        new(id, id + ".local", 4, 8192, cpusUsed, 0, pods, new Dictionary<string, string>());

    private static (ClusterSnapshot Snapshot, IReadOnlyList<ClusterChange> Batch) Step(ClusterSnapshot snapshot, params ClusterChange[] changes) =>
        (snapshot.Apply(changes), changes);

    [Fact]
    public void AgentsAt_ReplaysEachAgentAsItWasThen_AddedLaterAbsent_RemovedPresentBefore()
    {
        var timeline = new AgentTimeline();
        var s = ClusterSnapshot.Empty().Apply(new AgentUpdated(Agent("a1", 0)));
        timeline.Start(s, T0);
        var (s1, b1) = Step(s, new AgentUpdated(Agent("a1", 2)), new AgentUpdated(Agent("a2", 1)),
            new PodPlaced(new PlacementView("default", "web-1", "a1", "a1.local", "o1", T0.AddSeconds(1))));
        timeline.Observe(b1, s1, T0.AddSeconds(1));
        var (s2, b2) = Step(s1, new AgentRemoved("a2"), new AgentUpdated(Agent("a1", 3)));
        timeline.Observe(b2, s2, T0.AddSeconds(2));

        Assert.Equal(0, timeline.AgentsAt(T0.AddMilliseconds(500))["a1"].CpusUsed);
        Assert.False(timeline.AgentsAt(T0.AddMilliseconds(500)).ContainsKey("a2"));
        Assert.Equal(2, timeline.AgentsAt(T0.AddSeconds(1.5))["a1"].CpusUsed);
        Assert.True(timeline.AgentsAt(T0.AddSeconds(1.5)).ContainsKey("a2"));
        Assert.Equal(3, timeline.AgentsAt(T0.AddSeconds(2))["a1"].CpusUsed);
        Assert.False(timeline.AgentsAt(T0.AddSeconds(2)).ContainsKey("a2"));

        var moments = timeline.Moments();
        Assert.Equal([T0.AddSeconds(1), T0.AddSeconds(2)], moments.Select(m => m.At));
        Assert.Equal("web-1", Assert.Single(moments[0].Placements).Name);
    }

    [Fact]
    public void Observe_AgentUpdateThatChangesNoUse_NotRecorded()
    {
        var timeline = new AgentTimeline();
        var s = ClusterSnapshot.Empty().Apply(new AgentUpdated(Agent("a1", 1)));
        timeline.Start(s, T0);

        var (s1, b1) = Step(s, new AgentUpdated(Agent("a1", 1)), new OfferRemoved("o", OfferRemovalReason.Declined));
        timeline.Observe(b1, s1, T0.AddSeconds(1));

        Assert.Equal(0, timeline.Count);
        Assert.Empty(timeline.Moments());
    }

    [Fact]
    public void Observe_BeyondCapacityOrHorizon_Bounded_OldestFoldedIntoTheBaseline()
    {
        var timeline = new AgentTimeline(capacity: 10, horizon: TimeSpan.FromMinutes(1));
        var s = ClusterSnapshot.Empty();
        timeline.Start(s, T0);
        for (var i = 1; i <= 50; i++)
        {
            (s, var batch) = Step(s, new AgentUpdated(Agent("a1", i % 4 + i / 10.0)));
            timeline.Observe(batch, s, T0.AddSeconds(i));
        }

        Assert.Equal(10, timeline.Count);
        Assert.Equal(T0.AddSeconds(40), timeline.Since);
        // The oldest moment kept replays on the folded baseline, not on nothing.
        Assert.Equal(s.Agents["a1"].CpusUsed, timeline.AgentsAt(T0.AddSeconds(50))["a1"].CpusUsed);
        Assert.True(timeline.AgentsAt(T0.AddSeconds(40.5)).ContainsKey("a1"));

        (s, var late) = Step(s, new AgentUpdated(Agent("a1", 9)));
        timeline.Observe(late, s, T0.AddMinutes(5));
        Assert.Equal(1, timeline.Count);
        Assert.Equal(9, timeline.AgentsAt(T0.AddMinutes(5))["a1"].CpusUsed);
    }

    [Fact]
    public void TimelineView_IndexPlacedBeforeAndLabel()
    {
        PlacementView P(string name, double second) => new("default", name, "a1", "a1.local", "o", T0.AddSeconds(second));
        IReadOnlyList<TimelineMoment> moments =
        [
            new(T0.AddSeconds(1), 1, [P("old", 1)]),
            new(T0.AddSeconds(20), 1, [P("p1", 20), P("p2", 20)]),
            new(T0.AddSeconds(25), 2, []),
        ];

        Assert.Equal(1, TimelineView.IndexOf(moments, T0.AddSeconds(24)));
        Assert.Equal(0, TimelineView.IndexOf(moments, T0));
        Assert.Equal(["p2", "p1"], TimelineView.PlacedBefore(moments, T0.AddSeconds(25)).Select(p => p.Name));
        Assert.Equal("12:00:20Z (10s ago) · moment 2 of 3 · 2 pods placed", TimelineView.Label(moments, T0.AddSeconds(20), T0, T0.AddSeconds(30)));
        Assert.Equal("Live · 3 moments since 12:00:00Z: drag back to replay", TimelineView.Label(moments, null, T0, T0.AddSeconds(30)));
    }
}
