using System.Globalization;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>How a placement record reads: score, runners-up, time waited.</summary>
public static class PlacementText
{
    /// <summary>The chosen agent's score; first fit does not score ("—").</summary>
    public static string Score(double? score) => score is { } s ? s.ToString("0.#", CultureInfo.InvariantCulture) : "—";

    /// <summary>"agent-2 71.5, agent-3 64" (best first), or "none" when nothing else fit or nothing scored.</summary>
    public static string RunnersUp(IReadOnlyList<RunnerUpView>? runnersUp) => runnersUp is { Count: > 0 }
        ? string.Join(", ", runnersUp.Select(r => $"{r.Hostname} {Score(r.Score)}"))
        : "none";

    /// <summary>Creation to placement: "180 ms", "4.2 s", "3m 05s", "1h 02m".</summary>
    public static string Waited(TimeSpan? waited) => waited switch
    {
        null => "—",
        { } w when w < TimeSpan.Zero => "0 ms",
        { } w when w < TimeSpan.FromSeconds(1) => $"{(int)w.TotalMilliseconds} ms",
        { } w when w < TimeSpan.FromMinutes(1) => w.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        { } w when w < TimeSpan.FromHours(1) => $"{(int)w.TotalMinutes}m {w.Seconds:00}s",
        { } w => $"{(int)w.TotalHours}h {w.Minutes:00}m",
    };
}
