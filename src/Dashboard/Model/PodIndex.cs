using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// Orderings and counts of one snapshot's pods map, computed at most once per map and shared by every page and
/// circuit that shows it. Snapshots are immutable and a change to offers or agents keeps the same pods map, so with
/// 30,000 pods a page re-renders without sorting anything; only a pod change costs one sort, paid by the first reader.
/// </summary>
/// <remarks>Thread-safe. Entries live as long as their pods map does (a weak table keyed by the map).</remarks>
public sealed class PodIndex
{
    private static readonly ConditionalWeakTable<ImmutableDictionary<string, PodView>, PodIndex> _byMap = new();

    private readonly Lazy<PodView[]> _newestFirst;
    private readonly Lazy<PodView[]> _queue;
    private readonly Lazy<int> _running;
    private readonly Lazy<int> _queued;
    private readonly Lazy<Dictionary<string, int>> _byNamespace;

    private PodIndex(ImmutableDictionary<string, PodView> pods)
    {
        _newestFirst = new(() => Sorted(pods.Values, NewestFirstOrder));
        _queue = new(() => Sorted(pods.Values.Where(p => p.IsQueued), QueueOrder));
        _running = new(() => pods.Values.Count(p => p.Phase == PodPhases.Running));
        _queued = new(() => _queue.IsValueCreated ? _queue.Value.Length : pods.Values.Count(p => p.IsQueued));
        _byNamespace = new(() => pods.Values.GroupBy(p => p.Namespace, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
        Count = pods.Count;
    }

    public static PodIndex Of(ClusterSnapshot snapshot) => _byMap.GetValue(snapshot.Pods, pods => new PodIndex(pods));

    public int Count { get; }

    /// <summary>
    /// Every pod, newest first: by creation time, which has one-second resolution, then by creation order
    /// (<see cref="PodView.CreationIndex"/>, so at 20 creates/s the newest is still on top), then namespace and name.
    /// </summary>
    public IReadOnlyList<PodView> NewestFirst => _newestFirst.Value;

    /// <summary>Pods waiting for an offer, first come first served (the order of <see cref="ClusterSnapshot.PendingQueue"/>).</summary>
    public IReadOnlyList<PodView> Queue => _queue.Value;

    public int Running => _running.Value;

    /// <summary>How many pods wait for an offer: a count, without the sort <see cref="Queue"/> pays (the Overview's history
    /// reads it after every batch, with tens of thousands of pods pending).</summary>
    public int QueuedCount => _queued.Value;

    /// <summary>The namespaces that hold pods (once per pods map, for every circuit's namespace picker).</summary>
    public IEnumerable<string> Namespaces => _byNamespace.Value.Keys;

    /// <summary>Pods in one namespace.</summary>
    public int CountIn(string @namespace) => _byNamespace.Value.GetValueOrDefault(@namespace);

    private static PodView[] Sorted(IEnumerable<PodView> pods, Comparison<PodView> order)
    {
        var array = pods.ToArray();
        Array.Sort(array, order);
        return array;
    }

    private static int NewestFirstOrder(PodView a, PodView b)
    {
        var byTime = b.CreatedAt.CompareTo(a.CreatedAt);
        if (byTime != 0)
        {
            return byTime;
        }

        var byCreation = b.CreationIndex.CompareTo(a.CreationIndex);
        return byCreation != 0 ? byCreation : ByName(a, b);
    }

    private static int QueueOrder(PodView a, PodView b)
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime : ByName(a, b);
    }

    private static int ByName(PodView a, PodView b)
    {
        var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Name, b.Name);
    }
}
