using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Framework.Scheduling.Pipeline;
using static KubeMesos.Tests.Unit.Framework.Scheduling.Pipeline.PipelineTestData;

namespace KubeMesos.Tests.Unit.Framework.Scheduling.Insight;

public sealed class FitCalculatorTests
{
    private readonly PlacementPipeline _pipeline = PlacementPipeline.Default();

    [Fact]
    public void SplitsReplicasIntoNowLaterAndNever_ReservingNothingInTheBooks()
    {
        var cluster = new InsightCluster();
        cluster.Offer("a1", cpus: 4);
        cluster.Offer("a2", cpus: 4);
        cluster.Withdraw("a2");
        cluster.Offer("a3", cpus: 2);
        cluster.Withdraw("a3");

        var fit = FitCalculator.Fit(_pipeline, Pod(cpus: 2), 8, cluster.Candidates(), cluster.Agents, InsightCluster.T0);

        Assert.Equal((2, 3, 3), (fit.FitNow, fit.FitLater, fit.Never));
        Assert.Equal(new Dictionary<string, int> { ["a1"] = 2 }, fit.Agents);
        Assert.Equal(new Dictionary<string, int> { [FitCalculator.OutOfRoom(5)] = 3 }, fit.Reasons);
        Assert.Equal(4, cluster.Candidates().Single().Free.Cpus, 3);
        Assert.Equal(0, cluster.Agents.Find("S-a1")!.Used.Cpus, 3);
    }

    [Fact]
    public void TooBigForAnyAgent_AllNever_WithTheReason()
    {
        var cluster = new InsightCluster();
        cluster.Offer("a1", cpus: 16);

        var fit = FitCalculator.Fit(_pipeline, Pod(cpus: 64), 3, cluster.Candidates(), cluster.Agents, InsightCluster.T0);

        Assert.Equal((0, 0, 3), (fit.FitNow, fit.FitLater, fit.Never));
        Assert.Equal("0/1 agents can ever fit: 64 cpus asked, the largest agent has 16", Assert.Single(fit.Reasons).Key);
    }
}

public sealed class PlacementRecordTests
{
    [Fact]
    public void ScoredPlacement_KeepsTheWinnersScoreAndTheRunnersUpBestFirst()
    {
        var pipeline = PlacementPipeline.Default();
        var agents = new[] { Agent("a1", cpus: 2), Agent("a2", cpus: 8), Agent("a3", cpus: 4), Agent("a4", cpus: 1.5), Agent("a5", cpus: 0.1) };

        var decision = pipeline.Decide(Pod(cpus: 1, strategy: PlacementStrategy.Spread), agents, 0);

        Assert.Equal("a2", decision.Agent!.Hostname);
        Assert.NotNull(decision.Score);
        Assert.Equal(["a3", "a1", "a4"], decision.RunnersUp!.Select(r => r.Hostname));
        Assert.True(decision.RunnersUp!.Zip(decision.RunnersUp!.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.True(decision.Score >= decision.RunnersUp![0].Score);
    }
}
