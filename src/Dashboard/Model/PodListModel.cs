using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// The Pods page's filters and the rows they select, newest first by default (creation order within a second, see
/// <see cref="PodIndex"/>). Rows are recomputed only when the pods map or a filter changed, never per render: a page
/// re-renders every second (ages) and after every batch of changes.
/// </summary>
/// <remarks>Owned by one component; not thread-safe.</remarks>
public sealed class PodListModel
{
    public const string SortAge = "age";
    public const string SortName = "name";
    public const string SortNamespace = "namespace";
    public const string SortPhase = "phase";
    public const string SortAgent = "agent";

    public static readonly IReadOnlyList<string> SortColumns = [SortAge, SortName, SortNamespace, SortPhase, SortAgent];

    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty();
    private IReadOnlyList<PodView>? _rows;

    /// <summary>Search, label selector, namespace and sort.</summary>
    public ListFilter Filter { get; } = new(SortAge, defaultDescending: true);

    /// <summary>Free text: every word must occur in the pod's name, namespace or agent (case-insensitive).</summary>
    public string Search => Filter.Search;

    public string SelectorText => Filter.SelectorText;

    public string? SelectorError => Filter.SelectorError;

    /// <summary>Only pods in this phase; null for every phase.</summary>
    public string? Phase { get; private set; }

    /// <summary>Pods in the snapshot (in the chosen namespace), before the other filters.</summary>
    public int Total => Filter.Namespace is { } ns ? PodIndex.Of(_snapshot).CountIn(ns) : _snapshot.Pods.Count;

    /// <summary>How many times the rows were computed (tests use it to prove renders reuse them).</summary>
    public int Computations { get; private set; }

    /// <summary>The pods the filters select, in the chosen order.</summary>
    public IReadOnlyList<PodView> Rows => _rows ??= Compute();

    /// <summary>Shows <paramref name="snapshot"/>; costs nothing when its pods are those already shown.</summary>
    public void Show(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!ReferenceEquals(snapshot.Pods, _snapshot.Pods))
        {
            _rows = null;
        }

        _snapshot = snapshot;
    }

    /// <summary>Sets the free-text filter; true when the filter changed (so the rows may have).</summary>
    public bool SetSearch(string? text) => Changed(Filter.SetSearch(text));

    /// <summary>
    /// Sets the label selector as typed; true when the applied selector changed. Text that does not parse sets
    /// <see cref="SelectorError"/> and keeps the last valid selector (false).
    /// </summary>
    public bool SetSelector(string? text) => Changed(Filter.SetSelector(text));

    public bool SetNamespace(string? @namespace) => Changed(Filter.SetNamespace(@namespace));

    public bool SetSort(string? column, bool? descending) => Changed(Filter.SetSort(column, descending, SortColumns));

    /// <summary>Sets the phase filter (null or empty for every phase); true when it changed.</summary>
    public bool SetPhase(string? phase)
    {
        phase = string.IsNullOrEmpty(phase) ? null : phase;
        if (phase == Phase)
        {
            return false;
        }

        Phase = phase;
        _rows = null;
        return true;
    }

    private bool Changed(bool changed)
    {
        if (changed)
        {
            _rows = null;
        }

        return changed;
    }

    private IReadOnlyList<PodView> Compute()
    {
        Computations++;
        var all = PodIndex.Of(_snapshot).NewestFirst;
        var byAge = Filter.Sort == SortAge;
        if (!Filter.IsFiltering && Phase is null && byAge && Filter.Descending)
        {
            // Shared with every other circuit showing this snapshot: no copy per page.
            return all;
        }

        var rows = new List<PodView>();
        foreach (var pod in all)
        {
            if ((Phase is null || pod.Phase == Phase) && (Filter.Namespace is null || pod.Namespace == Filter.Namespace)
                && Filter.MatchesTerms(pod.Name, pod.Namespace, pod.NodeName) && Filter.Selector.Matches(pod.Labels))
            {
                rows.Add(pod);
            }
        }

        if (byAge)
        {
            if (!Filter.Descending)
            {
                rows.Reverse();
            }
        }
        else
        {
            // Stable over the newest-first order, so equal keys stay newest first.
            Func<PodView, string> key = Filter.Sort switch
            {
                SortName => p => p.Name,
                SortNamespace => p => p.Namespace,
                SortPhase => p => p.Phase,
                _ => p => p.NodeName ?? "",
            };
            rows = [.. Filter.Descending ? rows.OrderByDescending(key, StringComparer.Ordinal) : rows.OrderBy(key, StringComparer.Ordinal)];
        }

        return rows;
    }
}
