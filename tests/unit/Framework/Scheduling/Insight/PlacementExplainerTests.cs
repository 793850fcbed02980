using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Framework.Scheduling.Pipeline;
using static KubeMesos.Tests.Unit.Framework.Scheduling.Pipeline.PipelineTestData;

namespace KubeMesos.Tests.Unit.Framework.Scheduling.Insight;

public sealed class PlacementExplainerTests
{
    private static readonly DateTimeOffset T0 = InsightCluster.T0;
    private readonly PlacementPipeline _pipeline = PlacementPipeline.Default();

    private ClassExplanation Explain(InsightCluster cluster, PodRequirements pod) =>
        PlacementExplainer.Explain(_pipeline, pod, cluster.Candidates(), cluster.Agents, T0.AddMinutes(2));

    /// <summary>The case: 4 agents without offers and 1 with too little would read "4 no outstanding offer, 1 insufficient cpus".</summary>
    [Fact]
    public void TooBigForEveryAgentsTotal_NeverFits_SaysSoWithTheNumbers()
    {
        var cluster = new InsightCluster();
        foreach (var name in new[] { "a1", "a2", "a3", "a4" })
        {
            cluster.Offer(name, cpus: 16);
            cluster.Withdraw(name, at: T0.AddSeconds(30));
        }

        cluster.Offer("a5", cpus: 16);
        cluster.Run("a5", "default/busy", cpus: 12.5);
        cluster.Offer("a5", cpus: 3.5, at: T0.AddMinutes(1));

        var explanation = Explain(cluster, Pod(cpus: 64));

        Assert.Equal(WaitingKind.NeverFits, explanation.Kind);
        Assert.Equal(PlacementCode.UnschedulableAndUnresolvable, explanation.Code);
        Assert.Equal("0/5 agents can ever fit: 64 cpus asked, the largest agent has 16", explanation.Summary);
        var a5 = explanation.Agents.Single(a => a.Hostname == "a5");
        var resources = a5.Filters.Single(f => f.Name == "Resources");
        Assert.False(resources.Passed);
        Assert.Equal("insufficient cpus: asked 64, offered 3.5, agent total 16", resources.Reason);
        Assert.True(a5.Filters.Single(f => f.Name == "NodeSelector").Passed);
        Assert.Null(a5.Score);
        var a1Offer = explanation.Agents.Single(a => a.Hostname == "a1").Filters[0];
        Assert.Equal((PlacementExplainer.OfferFilter, false), (a1Offer.Name, a1Offer.Passed));
        Assert.Equal($"{PlacementReasons.NoOffer} since 12:00:30Z; last offer 2m0s ago", a1Offer.Reason);
    }

    [Fact]
    public void OnlyAgentBigEnoughRemoved_TurnsWaitsForOfferIntoNeverFits()
    {
        var cluster = new InsightCluster();
        cluster.Offer("big", cpus: 32);
        cluster.Withdraw("big");
        cluster.Offer("small", cpus: 4);
        var pod = Pod(cpus: 16);

        var before = Explain(cluster, pod);
        Assert.Equal(WaitingKind.WaitsForOffer, before.Kind);
        Assert.Equal(PlacementCode.Unschedulable, before.Code);
        Assert.Equal("0/2 agents fit now: waits for an offer: 1 could take it but do not offer what it needs now (big)", before.Summary);

        cluster.Agents.Remove("S-big");
        var after = Explain(cluster, pod);

        Assert.Equal(WaitingKind.NeverFits, after.Kind);
        Assert.Equal("0/1 agents can ever fit: 16 cpus asked, the largest agent has 4", after.Summary);
        Assert.DoesNotContain(after.Agents, a => a.Hostname == "big");
    }

    [Fact]
    public void NodeSelectorNoAgentHas_NeverFits_Unresolvable()
    {
        var cluster = new InsightCluster();
        cluster.Offer("a1", cpus: 8, labels: new() { ["disktype"] = "hdd" });
        cluster.Offer("a2", cpus: 8);

        var explanation = Explain(cluster, Pod(nodeSelector: new() { ["k8s.mesosphere.io/attribute-disktype"] = "ssd" }));

        Assert.Equal(WaitingKind.NeverFits, explanation.Kind);
        Assert.Equal($"0/2 agents can ever fit: {PlacementReasons.NodeSelectorMismatch}: no agent has k8s.mesosphere.io/attribute-disktype=ssd", explanation.Summary);
        var selector = explanation.Agents[0].Filters.Single(f => f.Name == "NodeSelector");
        Assert.Equal(PlacementCode.UnschedulableAndUnresolvable, selector.Code);
        Assert.Equal($"{PlacementReasons.NodeSelectorMismatch}: k8s.mesosphere.io/attribute-disktype=ssd", selector.Reason);
        Assert.True(explanation.Agents[0].Filters.Single(f => f.Name == "Resources").Passed);
    }

    [Fact]
    public void FixedHostPortTakenEverywhere_WaitsForResources_NamesThePort()
    {
        var cluster = new InsightCluster();
        foreach (var name in new[] { "a1", "a2" })
        {
            cluster.Offer(name, cpus: 8);
            cluster.Run(name, $"default/web-{name}", cpus: 1, hostPorts: [31000]);
            cluster.Offer(name, cpus: 7, ports: [(31001, 32000)]);
        }

        var explanation = Explain(cluster, Pod(ports: [new HostPortRequest("main", 80, 31000, "TCP")]));

        Assert.Equal(WaitingKind.WaitsForResources, explanation.Kind);
        Assert.Equal("0/2 agents fit now: waits for resources running pods hold; closest: a1 (host port 31000 held), a2 (host port 31000 held)", explanation.Summary);
        var ports = explanation.Agents[0].Filters.Single(f => f.Name == "HostPorts");
        Assert.Equal($"{PlacementReasons.HostPortUnavailable}: 31000 held by a running pod", ports.Reason);
    }

    [Fact]
    public void FixedHostPortNoAgentOffers_NeverFits()
    {
        var cluster = new InsightCluster();
        cluster.Offer("a1", cpus: 8);

        var explanation = Explain(cluster, Pod(ports: [new HostPortRequest("main", 80, 80, "TCP")]));

        Assert.Equal(WaitingKind.NeverFits, explanation.Kind);
        Assert.Equal("0/1 agents can ever fit: host port 80 offered by no agent", explanation.Summary);
        Assert.Equal($"{PlacementReasons.HostPortUnavailable}: 80 never offered", explanation.Agents[0].Filters.Single(f => f.Name == "HostPorts").Reason);
    }

    [Fact]
    public void FitsATotalButRunningPodsHoldIt_WaitsForResources_ClosestFirst()
    {
        var cluster = new InsightCluster();
        cluster.Offer("a1", cpus: 4);
        cluster.Run("a1", "default/x", cpus: 3.5);
        cluster.Offer("a1", cpus: 0.5);
        cluster.Offer("a2", cpus: 8);
        cluster.Run("a2", "default/y", cpus: 7);
        cluster.Offer("a2", cpus: 1);

        var explanation = Explain(cluster, Pod(cpus: 1.5));

        Assert.Equal(WaitingKind.WaitsForResources, explanation.Kind);
        Assert.Equal("0/2 agents fit now: waits for resources running pods hold; closest: a2 (0.5 more cpus), a1 (1 more cpus)", explanation.Summary);
        Assert.Equal("insufficient cpus: asked 1.5, offered 1, agent total 8",
            explanation.Agents.Single(a => a.Hostname == "a2").Filters.Single(f => f.Name == "Resources").Reason);
    }

    [Fact]
    public void NoAgentKnown_WaitsForOffer()
    {
        var explanation = Explain(new InsightCluster(), Pod());

        Assert.Equal(WaitingKind.WaitsForOffer, explanation.Kind);
        Assert.Empty(explanation.Agents);
    }

    [Fact]
    public void AgentWhereEveryFilterPasses_HasTheScorersScore()
    {
        var cluster = new InsightCluster();
        cluster.Offer("a1", cpus: 4);
        cluster.Offer("a2", cpus: 0.1);

        var explanation = Explain(cluster, Pod(cpus: 1, strategy: PlacementStrategy.Spread));

        var a1 = explanation.Agents.Single(a => a.Hostname == "a1");
        Assert.True(a1.Fits);
        Assert.All(a1.Filters, f => Assert.True(f.Passed));
        Assert.NotNull(a1.Score);
        Assert.True(a1.Score > 0);
        Assert.Null(explanation.Agents.Single(a => a.Hostname == "a2").Score);
    }
}
