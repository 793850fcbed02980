namespace KubeMesos.Framework.Diagnostics;

/// <summary>
/// The names of the app's own meters (<see cref="System.Diagnostics.Metrics.Meter"/>), each created through the host's
/// <see cref="System.Diagnostics.Metrics.IMeterFactory"/>; the dashboard exports all of them at <c>/metrics</c>.
/// </summary>
public static class KubeMesosMeters
{
    /// <summary>Offers, the pending queue, placements, the link to the Mesos master, reconciliation and leadership.</summary>
    public const string Scheduler = "KubeMesos.Scheduler";

    /// <summary>Object store writes.</summary>
    public const string Store = "KubeMesos.Store";

    /// <summary>The in-process cluster feed (its subscribers: dashboard pages and hub streams).</summary>
    public const string Feed = "KubeMesos.Feed";

    /// <summary>The Blazor dashboard (open circuits).</summary>
    public const string Dashboard = "KubeMesos.Dashboard";

    public static IReadOnlyList<string> All { get; } = [Scheduler, Store, Feed, Dashboard];
}
