using BenchmarkDotNet.Attributes;
using KubeMesos.Shared.Labels;

namespace KubeMesos.Bench.Micro;

/// <summary>Matching one selector against the labels of 30,000 pods (a filtered list or a service's endpoints).</summary>
[MemoryDiagnoser]
public class LabelSelectorBenchmarks
{
    private List<IReadOnlyDictionary<string, string>> _labels = null!;
    private LabelSelector _equality = null!;
    private LabelSelector _setBased = null!;

    [Params(30_000)]
    public int Pods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _labels = Fixtures.PodLabels(Pods);
        _equality = LabelSelector.Parse("app=app-8,tier=web");
        _setBased = LabelSelector.Parse("env in (prod,staging),tier!=cache,!canary");
    }

    [Benchmark(Description = "equality app=app-8,tier=web")]
    public int Equality() => Count(_equality);

    [Benchmark(Description = "set-based env in (prod,staging),tier!=cache,!canary")]
    public int SetBased() => Count(_setBased);

    private int Count(LabelSelector selector)
    {
        var n = 0;
        foreach (var labels in _labels)
        {
            if (selector.Matches(labels))
            {
                n++;
            }
        }

        return n;
    }
}
