using System.Collections.Immutable;

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
        Resynced c => c.Snapshot,
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown cluster change."),
    };

    /// <summary>Applies a batch in order.</summary>
    public ClusterSnapshot Apply(IEnumerable<ClusterChange> changes)
    {
        var snapshot = this;
        foreach (var change in changes)
        {
            snapshot = snapshot.Apply(change);
        }

        return snapshot;
    }

    private ImmutableList<PlacementView> AddPlacement(PlacementView placement)
    {
        var list = RecentPlacements.Insert(0, placement);
        return list.Count > PlacementHistory ? list.RemoveAt(list.Count - 1) : list;
    }
}
