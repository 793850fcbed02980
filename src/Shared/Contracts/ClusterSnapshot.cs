using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace KubeMesos.Shared.Contracts;

/// <summary>
/// Immutable picture of the cluster as the framework sees it. <see cref="Apply"/> returns a new snapshot, so a
/// snapshot can be handed to any thread and rendered while the next one is built.
/// </summary>
public sealed record ClusterSnapshot(
    ImmutableDictionary<string, OfferView> Offers,
    ImmutableDictionary<string, PodView> Pods,
    ImmutableDictionary<string, AgentView> Agents,
    ImmutableList<PlacementView> RecentPlacements,
    SchedulerStatusView Scheduler,
    long Version)
{
    /// <summary>How many placements the history keeps (newest first).</summary>
    public const int PlacementHistory = 200;

    /// <summary>How many events <see cref="RecentEvents"/> keeps (the newest by last-seen time).</summary>
    public const int EventHistory = 500;

    /// <summary>
    /// The keys of each event list a snapshot holds, by list instance: kept beside the snapshots rather than in them, so
    /// snapshots still compare and serialize as before, and a list made elsewhere (a resync, a decoded snapshot) gets
    /// its keys on first use.
    /// </summary>
    private static readonly ConditionalWeakTable<ImmutableList<EventView>, ImmutableHashSet<(string Namespace, string Name)>> s_eventKeys = new();

    public ImmutableDictionary<string, ReplicationControllerView> ReplicationControllers { get; init; } =
        ImmutableDictionary<string, ReplicationControllerView>.Empty;

    public ImmutableDictionary<string, ServiceView> Services { get; init; } = ImmutableDictionary<string, ServiceView>.Empty;

    /// <summary>Endpoints by the key of their service.</summary>
    public ImmutableDictionary<string, EndpointsView> Endpoints { get; init; } = ImmutableDictionary<string, EndpointsView>.Empty;

    /// <summary>The newest events, newest (by last-seen time) first, at most <see cref="EventHistory"/>.</summary>
    public ImmutableList<EventView> RecentEvents { get; init; } = ImmutableList<EventView>.Empty;

    /// <summary>When a placement pass last left pods unplaced (their explanations changed); null before the first.</summary>
    public DateTimeOffset? LastPlacementAttempt { get; init; }

    public static ClusterSnapshot Empty(string master = "") => new(
        ImmutableDictionary<string, OfferView>.Empty,
        ImmutableDictionary<string, PodView>.Empty,
        ImmutableDictionary<string, AgentView>.Empty,
        ImmutableList<PlacementView>.Empty,
        SchedulerStatusView.Disconnected(master),
        0);

    /// <summary>Pods waiting for an offer, first come first served.</summary>
    public IEnumerable<PodView> PendingQueue =>
        Pods.Values.Where(p => p.IsQueued).OrderBy(p => p.CreatedAt).ThenBy(p => p.Key, StringComparer.Ordinal);

    public ClusterSnapshot Apply(ClusterChange change) => change switch
    {
        OfferReceived c => this with { Offers = Offers.SetItem(c.Offer.OfferId, c.Offer), Version = Version + 1 },
        OfferRemoved c => this with { Offers = Offers.Remove(c.OfferId), Version = Version + 1 },
        PodUpdated c => this with { Pods = Pods.SetItem(c.Pod.Key, c.Pod), Version = Version + 1 },
        PodRemoved c => this with { Pods = Pods.Remove($"{c.Namespace}/{c.Name}"), Version = Version + 1 },
        PodPlaced c => this with { RecentPlacements = AddPlacement(c.Placement), Version = Version + 1 },
        AgentUpdated c => this with { Agents = Agents.SetItem(c.Agent.AgentId, c.Agent), Version = Version + 1 },
        AgentRemoved c => this with { Agents = Agents.Remove(c.AgentId), Version = Version + 1 },
        SchedulerStatusChanged c => this with { Scheduler = c.Status, Version = Version + 1 },
        ReplicationControllerUpdated c => this with
        {
            ReplicationControllers = ReplicationControllers.SetItem(c.ReplicationController.Key, c.ReplicationController), Version = Version + 1,
        },
        ReplicationControllerRemoved c => this with { ReplicationControllers = ReplicationControllers.Remove($"{c.Namespace}/{c.Name}"), Version = Version + 1 },
        ServiceUpdated c => this with { Services = Services.SetItem(c.Service.Key, c.Service), Version = Version + 1 },
        ServiceRemoved c => this with { Services = Services.Remove($"{c.Namespace}/{c.Name}"), Version = Version + 1 },
        EndpointsUpdated c => this with { Endpoints = Endpoints.SetItem(c.Endpoints.Key, c.Endpoints), Version = Version + 1 },
        EndpointsRemoved c => this with { Endpoints = Endpoints.Remove($"{c.Namespace}/{c.Name}"), Version = Version + 1 },
        EventRecorded c => this with { RecentEvents = AddEvent(c.Event), Version = Version + 1 },
        PlacementAttempted c => this with { LastPlacementAttempt = c.At, Version = Version + 1 },
        Resynced c => c.Snapshot,
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown cluster change."),
    };

    /// <summary>
    /// Applies a batch in order: the same snapshot as applying each change in turn, built with one builder per map
    /// and one event history for the whole batch instead of a new map and a new history (and its keys) per change.
    /// </summary>
    public ClusterSnapshot Apply(IEnumerable<ClusterChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var snapshot = this;
        var version = Version;
        ImmutableDictionary<string, OfferView>.Builder? offers = null;
        ImmutableDictionary<string, PodView>.Builder? pods = null;
        ImmutableDictionary<string, AgentView>.Builder? agents = null;
        ImmutableList<EventView>? events = null;
        ImmutableHashSet<(string Namespace, string Name)>? eventKeys = null;
        foreach (var change in changes)
        {
            switch (change)
            {
                case OfferReceived c:
                    (offers ??= snapshot.Offers.ToBuilder())[c.Offer.OfferId] = c.Offer;
                    break;
                case OfferRemoved c:
                    (offers ??= snapshot.Offers.ToBuilder()).Remove(c.OfferId);
                    break;
                case PodUpdated c:
                    (pods ??= snapshot.Pods.ToBuilder())[c.Pod.Key] = c.Pod;
                    break;
                case PodRemoved c:
                    (pods ??= snapshot.Pods.ToBuilder()).Remove($"{c.Namespace}/{c.Name}");
                    break;
                case AgentUpdated c:
                    (agents ??= snapshot.Agents.ToBuilder())[c.Agent.AgentId] = c.Agent;
                    break;
                case AgentRemoved c:
                    (agents ??= snapshot.Agents.ToBuilder()).Remove(c.AgentId);
                    break;
                case EventRecorded c:
                    events ??= snapshot.RecentEvents;
                    eventKeys ??= KeysOf(events);
                    events = AddEvent(events, ref eventKeys, c.Event);
                    break;
                case Resynced c:
                    snapshot = c.Snapshot;
                    version = snapshot.Version;
                    (offers, pods, agents, events, eventKeys) = (null, null, null, null, null);
                    continue;
                default:
                    // Changes that touch none of the above: the held builders stay valid across them.
                    snapshot = (snapshot with { Version = version }).Apply(change);
                    break;
            }

            version++;
        }

        if (events is not null && !ReferenceEquals(events, snapshot.RecentEvents))
        {
            s_eventKeys.AddOrUpdate(events, eventKeys!);
        }

        return offers is null && pods is null && agents is null && events is null && version == snapshot.Version
            ? snapshot
            : snapshot with
            {
                Offers = offers?.ToImmutable() ?? snapshot.Offers,
                Pods = pods?.ToImmutable() ?? snapshot.Pods,
                Agents = agents?.ToImmutable() ?? snapshot.Agents,
                RecentEvents = events ?? snapshot.RecentEvents,
                Version = version,
            };
    }

    /// <summary>
    /// Replaces an earlier version of the same event (an older one is ignored) and keeps the list ordered by last-seen
    /// time: events arrive in the order they are written, but a (re)list delivers them by name, and a repeat moves an
    /// old event to the top.
    /// An event older than all of a full history is not kept (a relist of thousands costs a binary search each).
    /// </summary>
    private ImmutableList<EventView> AddEvent(EventView e)
    {
        var keys = KeysOf(RecentEvents);
        var list = AddEvent(RecentEvents, ref keys, e);
        if (!ReferenceEquals(list, RecentEvents))
        {
            s_eventKeys.AddOrUpdate(list, keys);
        }

        return list;
    }

    private static ImmutableHashSet<(string Namespace, string Name)> KeysOf(ImmutableList<EventView> list) =>
        s_eventKeys.GetValue(list, static events => [.. events.Select(KeyOf)]);

    /// <param name="keys">The keys of <paramref name="list"/> in, those of the list returned out.</param>
    private static ImmutableList<EventView> AddEvent(ImmutableList<EventView> list, ref ImmutableHashSet<(string Namespace, string Name)> keys, EventView e)
    {
        if (InsertionIndex(list, e.LastSeen) >= EventHistory)
        {
            return list;
        }

        // Whether an earlier version is there, from the list's keys rather than by comparing names down the whole
        // history: a burst records an event per pod, nearly all new.
        var key = KeyOf(e);
        if (keys.Contains(key))
        {
            // A version older than the one held (announced out of order by two writers of the same event) is not news.
            var existing = list.FindIndex(x => KeyOf(x) == key);
            if (list[existing].LastSeen > e.LastSeen)
            {
                return list;
            }

            list = list.RemoveAt(existing);
        }
        else
        {
            keys = keys.Add(key);
        }

        list = list.Insert(InsertionIndex(list, e.LastSeen), e);
        if (list.Count > EventHistory)
        {
            keys = keys.Remove(KeyOf(list[^1]));
            list = list.RemoveAt(list.Count - 1);
        }

        return list;
    }

    private static (string Namespace, string Name) KeyOf(EventView e) => (e.Namespace, e.Name);

    /// <summary>The first index whose event was last seen at or before <paramref name="lastSeen"/> (the list is newest first).</summary>
    private static int InsertionIndex(ImmutableList<EventView> list, DateTimeOffset lastSeen)
    {
        int low = 0, high = list.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (list[middle].LastSeen > lastSeen)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private ImmutableList<PlacementView> AddPlacement(PlacementView placement)
    {
        var list = RecentPlacements.Insert(0, placement);
        return list.Count > PlacementHistory ? list.RemoveAt(list.Count - 1) : list;
    }
}
