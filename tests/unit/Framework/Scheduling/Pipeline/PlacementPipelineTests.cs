using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Framework.Scheduling.Plugins;
using static KubeMesos.Tests.Unit.Framework.Scheduling.Pipeline.PipelineTestData;

namespace KubeMesos.Tests.Unit.Framework.Scheduling.Pipeline;

public sealed class PlacementPipelineTests
{
    private readonly PlacementPipeline _pipeline = PlacementPipeline.Default();

    [Fact]
    public void Decide_FirstFit_TakesFirstAgentThatFitsInOfferOrder()
    {
        var agents = new[] { Agent("small", cpus: 0.2), Agent("mid", cpus: 2), Agent("big", cpus: 16) };

        var decision = _pipeline.Decide(Pod(cpus: 1), agents, 0);

        Assert.Equal("mid", decision.Agent?.Hostname);
    }

    [Fact]
    public void Decide_Spread_PrefersLeastRequestedAgent()
    {
        var agents = new[] { Agent("busy", cpus: 4, usedCpus: 12, usedMem: 4096), Agent("idle", cpus: 4) };

        var decision = _pipeline.Decide(Pod(strategy: PlacementStrategy.Spread), agents, 0);

        Assert.Equal("idle", decision.Agent?.Hostname);
    }

    [Fact]
    public void Decide_Spread_SameLoad_PrefersAgentWithFewerReplicasOfOwner()
    {
        var agents = new[] { Agent("a", ownerPods: new() { ["rc-1"] = 2 }), Agent("b", ownerPods: new() { ["rc-1"] = 0 }) };

        var decision = _pipeline.Decide(Pod(strategy: PlacementStrategy.Spread, owner: "rc-1"), agents, 0);

        Assert.Equal("b", decision.Agent?.Hostname);
    }

    [Fact]
    public void Decide_BinPack_PrefersMostRequestedAgentThatFits()
    {
        var agents = new[] { Agent("idle", cpus: 16), Agent("nearly-full", cpus: 1, usedCpus: 15, usedMem: 8000), Agent("full", cpus: 0.1, usedCpus: 16) };

        var decision = _pipeline.Decide(Pod(strategy: PlacementStrategy.BinPack), agents, 0);

        Assert.Equal("nearly-full", decision.Agent?.Hostname);
    }

    [Theory]
    [InlineData(PlacementStrategy.Spread)]
    [InlineData(PlacementStrategy.BinPack)]
    public void Decide_EqualScores_FirstCandidateInOfferOrderWins(PlacementStrategy strategy)
    {
        var agents = new[] { Agent("too-small", cpus: 0.1), Agent("first"), Agent("second"), Agent("third") };

        var decision = _pipeline.Decide(Pod(strategy: strategy), agents, 0);

        Assert.Equal("first", decision.Agent?.Hostname);
    }

    [Fact]
    public void Decide_NodeSelectorWithSeveralKeys_NeedsEveryKey()
    {
        var agents = new[]
        {
            Agent("rack-only", attributes: new() { ["rack"] = "r1", ["zone"] = "z2" }),
            Agent("both", attributes: new() { ["rack"] = "r1", ["zone"] = "z1" }),
        };
        var pod = Pod(nodeSelector: new() { ["k8s.mesosphere.io/attribute-rack"] = "r1", ["k8s.mesosphere.io/attribute-zone"] = "z1" });

        Assert.Equal("both", _pipeline.Decide(pod, agents, 0).Agent?.Hostname);
    }

    [Theory]
    [InlineData(PlacementStrategy.FirstFit)]
    [InlineData(PlacementStrategy.Spread)]
    [InlineData(PlacementStrategy.BinPack)]
    public void Decide_ManyCandidates_AllocatesPerDecisionNotPerAgent(PlacementStrategy strategy)
    {
        // Every filter runs (a node selector a third of the agents match, a wildcard port) and every fit is scored.
        var agents = Enumerable.Range(0, 1000)
            .Select(i => Agent($"agent-{i}", attributes: new() { ["zone"] = $"z{i % 3}" }, usedCpus: i % 7, ownerPods: new() { ["rc-1"] = i % 4 }))
            .ToArray();
        var pod = Pod(strategy: strategy, owner: "rc-1", nodeSelector: new() { ["k8s.mesosphere.io/attribute-zone"] = "z2" }, ports: [new("c", 80, 0, "TCP")]);
        _pipeline.Decide(pod, agents, 0);

        var before = GC.GetAllocatedBytesForCurrentThread();
        _pipeline.Decide(pod, agents, 0);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The decision record and little else; a byte per agent would already be 1,000.
        Assert.InRange(allocated, 0, 500);
    }

    [Fact]
    public void Decide_NothingFitsInManyCandidates_AllocatesOnlyTheExplanation()
    {
        var agents = Enumerable.Range(0, 1000).Select(i => Agent($"agent-{i}", cpus: 0.1)).ToArray();
        _pipeline.Decide(Pod(), agents, 0);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decision = _pipeline.Decide(Pod(), agents, 0);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("0/1000 agents fit: 1000 insufficient cpus", decision.Explanation);
        Assert.InRange(allocated, 0, 4000);
    }

    [Fact]
    public void Decide_NothingFits_ExplainsPerAgentMostCommonFirst()
    {
        var agents = new[]
        {
            Agent("a", cpus: 0.1), Agent("b", cpus: 0.1), Agent("c", cpus: 0.2),
            Agent("d", attributes: new() { ["rack"] = "r2" }), Agent("e", mem: 10),
        };
        var pod = Pod(nodeSelector: new() { ["k8s.mesosphere.io/attribute-rack"] = "r1" });

        var decision = _pipeline.Decide(pod, agents, agentsWithoutOffers: 2);

        Assert.False(decision.Placed);
        // Node selector is checked first, so every agent here fails on it.
        Assert.Equal("0/7 agents fit: 5 node selector mismatch, 2 no outstanding offer", decision.Explanation);
    }

    [Fact]
    public void Decide_MixedShortages_CountsEachAgentOnce()
    {
        var agents = new[] { Agent("a", cpus: 0.1), Agent("b", cpus: 0.1), Agent("c", mem: 10) };

        var decision = _pipeline.Decide(Pod(), agents, 0);

        Assert.Equal("0/3 agents fit: 2 insufficient cpus, 1 insufficient mem", decision.Explanation);
    }

    [Fact]
    public void Decide_NoAgents_SaysNoneOffered() =>
        Assert.Equal("0/0 agents fit: no agent has offered resources yet", _pipeline.Decide(Pod(), [], 0).Explanation);

    [Fact]
    public void Reserve_ThenDecide_SecondPodSeesLessRoom()
    {
        var agent = Agent("a", cpus: 1);
        var first = _pipeline.Decide(Pod(cpus: 0.75), [agent], 0);
        first.Agent!.Reserve(Pod(cpus: 0.75));

        var second = _pipeline.Decide(Pod(cpus: 0.75), [agent], 0);

        Assert.False(second.Placed);
        Assert.Equal("0/1 agents fit: 1 insufficient cpus", second.Explanation);
    }

    [Fact]
    public void Reserve_FixedAndWildcardPorts_DistinctAssignments()
    {
        var agent = Agent("a", ports: [(31000, 31002)]);
        var pod = Pod(ports: [new("web", 80, 0, "TCP"), new("web", 443, 31000, "TCP"), new("side", 9000, 0, "UDP")]);

        var assigned = agent.Reserve(pod);

        Assert.Equal(31000UL, assigned.Single(p => p.ContainerPort == 443).HostPort);
        Assert.Equal([31000UL, 31001UL, 31002UL], assigned.Select(p => p.HostPort).Order());
        Assert.Equal("k8s.mesosphere.io/port_UDP_9000", assigned.Single(p => p.ContainerPort == 9000).AnnotationKey);
    }

    [Fact]
    public void Scorers_LeastAndMostRequested_AreComplementary()
    {
        var agent = Agent("a", cpus: 2, mem: 2048, usedCpus: 2, usedMem: 2048);
        var pod = Pod(cpus: 0, mem: 0);

        Assert.Equal(50, new MostRequestedScorer().Score(pod, agent), 3);
        Assert.Equal(50, new LeastRequestedScorer().Score(pod, agent), 3);
    }
}
