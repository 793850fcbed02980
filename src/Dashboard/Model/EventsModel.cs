using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// The Events page's rows: the feed's recent events (newest first, bounded by <see cref="ClusterSnapshot.EventHistory"/>)
/// in the chosen namespace whose object, reason or message contain every word of the search. Recomputed only when the
/// events or the filter changed.
/// </summary>
/// <remarks>Owned by one component; not thread-safe.</remarks>
public sealed class EventsModel
{
    private System.Collections.Immutable.ImmutableList<EventView>? _source;
    private IReadOnlyList<EventView>? _rows;

    public ListFilter Filter { get; } = new("lastSeen", defaultDescending: true);

    public IReadOnlyList<EventView> Rows => _rows ??= [.. (_source ?? []).Where(Matches)];

    public int Total => _source?.Count ?? 0;

    public void Show(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!ReferenceEquals(snapshot.RecentEvents, _source))
        {
            _source = snapshot.RecentEvents;
            _rows = null;
        }
    }

    public bool Apply(string? @namespace, string? search)
    {
        var changed = Filter.SetNamespace(@namespace) | Filter.SetSearch(search);
        if (changed)
        {
            _rows = null;
        }

        return changed;
    }

    /// <summary><c>pod/web-1</c>: the involved object as kubectl names it.</summary>
    public static string ObjectOf(EventView e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return $"{e.InvolvedKind.ToLowerInvariant()}/{e.InvolvedName}";
    }

    /// <summary>The detail page of the event's object, when it has one.</summary>
    public static string? LinkOf(EventView e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.InvolvedKind switch
        {
            "Pod" => $"pods/{e.InvolvedNamespace}/{e.InvolvedName}",
            "Service" => $"services/{e.InvolvedNamespace}/{e.InvolvedName}",
            "ReplicationController" => $"replicationcontrollers/{e.InvolvedNamespace}/{e.InvolvedName}",
            _ => null,
        };
    }

    private bool Matches(EventView e) =>
        (Filter.Namespace is null || e.Namespace == Filter.Namespace) && Filter.MatchesTerms(ObjectOf(e), e.Reason, e.Message);
}
