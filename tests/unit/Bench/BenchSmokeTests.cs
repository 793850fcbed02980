using KubeMesos.Bench.Micro;

namespace KubeMesos.Tests.Unit.Bench;

/// <summary>The benchmark project's bodies run once (its <c>--smoke</c> mode), so the benchmarks cannot rot unseen.</summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public void Smoke_EveryBenchmarkBodyOnce_ProducesSensibleResults()
    {
        var lines = Smoke.Run();

        Assert.Contains(lines, l => l.StartsWith("wire: OFFERS(100)", StringComparison.Ordinal) && l.Contains("decoded 100 offers", StringComparison.Ordinal) && l.Contains("decoded 50 operations", StringComparison.Ordinal));
        Assert.Contains("placement FirstFit: agent-00002", lines);
        Assert.Contains(lines, l => l.StartsWith("placement Spread: agent-", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("placement BinPack: agent-", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("explanation: WaitsForResources, 1000 agents; book 10000 pods in 100 classes, retained ", StringComparison.Ordinal));
        Assert.Contains("labels: equality 600 of 30000, set-based 3000 of 30000", lines);
    }
}
