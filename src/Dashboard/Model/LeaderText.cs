using KubeMesos.Framework.Leadership;

namespace KubeMesos.Dashboard.Model;

/// <summary>The words of the leader chip: who leads, and whether that is the replica serving this page.</summary>
public static class LeaderText
{
    public static string Label(LeaderView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Leader is null ? "No leader" : view.IsLeader ? $"Leader: {view.Leader} (this replica)" : $"Leader: {view.Leader}";
    }

    public static string Tooltip(LeaderView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Leader is null)
        {
            return $"An election is on; this page is served by {view.Self}";
        }

        var since = view.Since is { } s ? $" since {s.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : "";
        return view.IsLeader
            ? $"{view.Self} schedules{since}"
            : $"{view.Leader} schedules{since}; this page is served by {view.Self}, a follower, from the shared store";
    }
}
