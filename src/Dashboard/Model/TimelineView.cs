using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>How the Agents page reads the <see cref="AgentTimeline"/>: the slider's position, its label, what went where.</summary>
public static class TimelineView
{
    /// <summary>What "what went where" covers: the placements this long before the scrubbed moment.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>How many placements the page lists for a moment.</summary>
    public const int Shown = 12;

    /// <summary>The index of the last moment at or before <paramref name="at"/> (0 when all are later).</summary>
    public static int IndexOf(IReadOnlyList<TimelineMoment> moments, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(moments);
        int low = 0, high = moments.Count - 1, found = 0;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (moments[middle].At <= at)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    /// <summary>Placements in the <see cref="Window"/> up to <paramref name="at"/>, newest first, at most <see cref="Shown"/>.</summary>
    public static IReadOnlyList<PlacementView> PlacedBefore(IReadOnlyList<TimelineMoment> moments, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(moments);
        var list = new List<PlacementView>();
        for (var i = moments.Count == 0 ? -1 : IndexOf(moments, at); i >= 0 && list.Count < Shown; i--)
        {
            var moment = moments[i];
            if (moment.At > at)
            {
                continue;
            }

            if (at - moment.At > Window)
            {
                break;
            }

            list.AddRange(moment.Placements.Reverse().Take(Shown - list.Count));
        }

        return list;
    }

    /// <summary>"Live · 42 moments since 12:00:03Z", or "12:01:02Z (2m ago) · moment 7 of 42 · 3 pods placed".</summary>
    public static string Label(IReadOnlyList<TimelineMoment> moments, DateTimeOffset? scrubbedTo, DateTimeOffset? since, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(moments);
        if (scrubbedTo is not { } at)
        {
            var from = since is { } s ? $" since {DisplayFormat.Timestamp(s)[11..]}" : "";
            return moments.Count == 0 ? "Live · nothing recorded yet" : $"Live · {DisplayFormat.Count(moments.Count)} moments{from}: drag back to replay";
        }

        var index = IndexOf(moments, at);
        var placed = moments.Count > index ? moments[index].Placements.Count : 0;
        return $"{DisplayFormat.Timestamp(at)[11..]} ({DisplayFormat.Age(at, now)}) · moment {index + 1} of {DisplayFormat.Count(moments.Count)}"
            + (placed == 0 ? "" : placed == 1 ? " · 1 pod placed" : $" · {DisplayFormat.Count(placed)} pods placed");
    }
}
