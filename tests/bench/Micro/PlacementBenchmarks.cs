using BenchmarkDotNet.Attributes;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Bench.Micro;

/// <summary>
/// One placement decision over 1,000 candidate agents. The pod asks for a node selector matching a third of them and
/// a wildcard host port, so every filter runs; FirstFit stops at the first fit, Spread and BinPack score every fit.
/// </summary>
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private readonly PlacementPipeline _pipeline = PlacementPipeline.Default();
    private List<AgentCandidate> _candidates = null!;
    private PodRequirements _pod = null!;

    [Params(PlacementStrategy.FirstFit, PlacementStrategy.Spread, PlacementStrategy.BinPack)]
    public PlacementStrategy Strategy { get; set; }

    [Params(1000)]
    public int Agents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _candidates = Fixtures.Candidates(Agents);
        _pod = Fixtures.Requirements(Strategy);
    }

    [Benchmark]
    public PlacementDecision Decide() => _pipeline.Decide(_pod, _candidates, 0);
}
