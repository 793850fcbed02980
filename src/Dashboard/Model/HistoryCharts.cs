using MudBlazor;
using MudBlazor.Charts;

namespace KubeMesos.Dashboard.Model;

/// <summary>The Overview's chart series from <see cref="ClusterHistory"/> samples (times in UTC, as the samples are).</summary>
public static class HistoryCharts
{
    public static List<ChartSeries<double>> Utilization(IReadOnlyList<ClusterSample> samples) =>
    [
        Series("CPU %", samples, s => s.CpuPercent),
        Series("Memory %", samples, s => s.MemPercent),
    ];

    public static List<ChartSeries<double>> Placements(IReadOnlyList<ClusterSample> samples) =>
        [Series("Pods placed per second", samples, s => s.Placed)];

    public static List<ChartSeries<double>> Pending(IReadOnlyList<ClusterSample> samples) =>
        [Series("Pending pods", samples, s => s.Pending)];

    private static ChartSeries<double> Series(string name, IReadOnlyList<ClusterSample> samples, Func<ClusterSample, double> value) => new()
    {
        Name = name,
        Data = samples.Select(s => new TimeValue<double>(s.At.UtcDateTime, value(s))).ToArray(),
    };
}
