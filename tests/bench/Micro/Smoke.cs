using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Bench.Micro;

/// <summary>Runs every benchmark body once, outside BenchmarkDotNet: proves they work, in well under a second.</summary>
public static class Smoke
{
    /// <returns>One line per benchmark with its result, for the console and for the smoke test's assertions.</returns>
    public static IReadOnlyList<string> Run()
    {
        var lines = new List<string>();
        var wire = new WireBenchmarks();
        wire.Setup();
        lines.Add($"wire: OFFERS(100) {wire.EncodeOffers().Length} B, decoded {wire.DecodeOffers().Offers.Offers_.Count} offers; "
            + $"ACCEPT {wire.EncodeAccept().Length} B, decoded {wire.DecodeAccept().Accept.Operations.Count} operations");

        foreach (var strategy in new[] { PlacementStrategy.FirstFit, PlacementStrategy.Spread, PlacementStrategy.BinPack })
        {
            var placement = new PlacementBenchmarks { Strategy = strategy, Agents = 1000 };
            placement.Setup();
            var decision = placement.Decide();
            lines.Add($"placement {strategy}: {decision.Agent?.AgentId ?? "none: " + decision.Explanation}");
        }

        var explanation = new ExplanationBenchmarks { Agents = 1000, Classes = 100 };
        explanation.Setup();
        var explained = explanation.ExplainClass();
        var book = explanation.RecordPendingPods();
        lines.Add($"explanation: {explained.Kind}, {explained.Agents.Count} agents; book {book.PodCount} pods in {book.ClassCount} classes, "
            + $"retained {explanation.RetainedBytes() / 1024} KiB");

        var selector = new LabelSelectorBenchmarks { Pods = 30_000 };
        selector.Setup();
        lines.Add($"labels: equality {selector.Equality()} of 30000, set-based {selector.SetBased()} of 30000");
        return lines;
    }
}
