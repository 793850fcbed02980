using System.Collections.Immutable;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>What an <see cref="ObjectListModel{T}"/> lists and how: the snapshot's map, what is searched, labels, sorts.</summary>
public sealed class ListDefinition<T>
    where T : class
{
    public required Func<ClusterSnapshot, ImmutableDictionary<string, T>> Source { get; init; }

    public required Func<T, string> Namespace { get; init; }

    public required Func<T, IReadOnlyDictionary<string, string>> Labels { get; init; }

    /// <summary>The fields free text is looked for in.</summary>
    public required Func<T, string?[]> Searched { get; init; }

    /// <summary>Sort columns by name; each orders ascending, ties broken by namespace and name.</summary>
    public required IReadOnlyDictionary<string, Comparison<T>> Sorts { get; init; }

    public required string DefaultSort { get; init; }

    public bool DefaultDescending { get; init; }

    public required Func<T, string> Key { get; init; }
}

/// <summary>
/// A list page's rows for one kind of object: the snapshot's objects filtered by namespace, words and a label selector
/// (on the objects' own labels, as <c>kubectl get -l</c>), sorted by a column. Recomputed only when the map or a
/// filter changed.
/// </summary>
/// <remarks>Owned by one component; not thread-safe.</remarks>
public sealed class ObjectListModel<T>(ListDefinition<T> definition)
    where T : class
{
    private ImmutableDictionary<string, T> _source = ImmutableDictionary<string, T>.Empty;
    private IReadOnlyList<T>? _rows;

    public ListFilter Filter { get; } = new(definition.DefaultSort, definition.DefaultDescending);

    public ListDefinition<T> Definition => definition;

    /// <summary>Objects in the snapshot (in the chosen namespace), before the other filters.</summary>
    public int Total => Filter.Namespace is { } ns ? _source.Values.Count(o => definition.Namespace(o) == ns) : _source.Count;

    public IReadOnlyList<T> Rows => _rows ??= Compute();

    public void Show(ClusterSnapshot snapshot)
    {
        var source = definition.Source(snapshot);
        if (!ReferenceEquals(source, _source))
        {
            _source = source;
            _rows = null;
        }
    }

    public bool SetSearch(string? text) => Changed(Filter.SetSearch(text));

    public bool SetSelector(string? text) => Changed(Filter.SetSelector(text));

    public bool SetNamespace(string? @namespace) => Changed(Filter.SetNamespace(@namespace));

    public bool SetSort(string? column, bool? descending) => Changed(Filter.SetSort(column, descending, definition.Sorts.Keys));

    private bool Changed(bool changed)
    {
        if (changed)
        {
            _rows = null;
        }

        return changed;
    }

    private List<T> Compute()
    {
        var rows = _source.Values
            .Where(o => (Filter.Namespace is null || definition.Namespace(o) == Filter.Namespace)
                && Filter.Selector.Matches(definition.Labels(o))
                && Filter.MatchesTerms(definition.Searched(o)))
            .ToList();
        var order = definition.Sorts[Filter.Sort];
        var descending = Filter.Descending;
        rows.Sort((a, b) =>
        {
            var byColumn = order(a, b);
            return byColumn != 0 ? (descending ? -byColumn : byColumn) : string.CompareOrdinal(definition.Key(a), definition.Key(b));
        });
        return rows;
    }
}

/// <summary>The Services and Replication controllers pages' list definitions.</summary>
public static class ObjectLists
{
    public const string SortName = "name";
    public const string SortNamespace = "namespace";
    public const string SortAge = "age";
    public const string SortType = "type";
    public const string SortDesired = "desired";
    public const string SortReady = "ready";

    public static readonly ListDefinition<ServiceView> Services = new()
    {
        Source = s => s.Services,
        Namespace = s => s.Namespace,
        Labels = s => s.Labels,
        Key = s => s.Key,
        Searched = s => [s.Name, s.Namespace, s.Type, QueryState.SelectorText(s.Selector)],
        DefaultSort = SortName,
        Sorts = new Dictionary<string, Comparison<ServiceView>>(StringComparer.Ordinal)
        {
            [SortName] = (a, b) => string.CompareOrdinal(a.Name, b.Name),
            [SortNamespace] = (a, b) => string.CompareOrdinal(a.Namespace, b.Namespace),
            [SortType] = (a, b) => string.CompareOrdinal(a.Type, b.Type),
            [SortAge] = (a, b) => a.CreatedAt.CompareTo(b.CreatedAt),
        },
    };

    public static readonly ListDefinition<ReplicationControllerView> ReplicationControllers = new()
    {
        Source = s => s.ReplicationControllers,
        Namespace = r => r.Namespace,
        Labels = r => r.Labels,
        Key = r => r.Key,
        Searched = r => [r.Name, r.Namespace, QueryState.SelectorText(r.Selector)],
        DefaultSort = SortName,
        Sorts = new Dictionary<string, Comparison<ReplicationControllerView>>(StringComparer.Ordinal)
        {
            [SortName] = (a, b) => string.CompareOrdinal(a.Name, b.Name),
            [SortNamespace] = (a, b) => string.CompareOrdinal(a.Namespace, b.Namespace),
            [SortDesired] = (a, b) => a.Desired.CompareTo(b.Desired),
            [SortReady] = (a, b) => a.Ready.CompareTo(b.Ready),
            [SortAge] = (a, b) => a.CreatedAt.CompareTo(b.CreatedAt),
        },
    };
}
