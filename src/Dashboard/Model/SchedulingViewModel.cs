using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>What the Scheduling page shows of one snapshot, in display order.</summary>
public sealed class SchedulingViewModel(ClusterSnapshot snapshot, int placementsShown)
{
    /// <summary>Outstanding offers, oldest first (the ones the scheduler will decline first).</summary>
    public IReadOnlyList<OfferView> Offers { get; } =
        [.. snapshot.Offers.Values.OrderBy(o => o.ReceivedAt).ThenBy(o => o.OfferId, StringComparer.Ordinal)];

    /// <summary>Pods waiting for an offer, first come first served.</summary>
    public IReadOnlyList<PodView> PendingQueue { get; } = [.. snapshot.PendingQueue];

    /// <summary>The latest placements, newest first.</summary>
    public IReadOnlyList<PlacementView> Placements { get; } = [.. snapshot.RecentPlacements.Take(placementsShown)];

    /// <summary>Every pod, newest first.</summary>
    public IReadOnlyList<PodView> Pods { get; } =
        [.. snapshot.Pods.Values.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Key, StringComparer.Ordinal)];

    public int RunningPods => snapshot.Pods.Values.Count(p => p.Phase == PodPhases.Running);

    public int AgentCount => snapshot.Agents.Count;

    public double OfferedCpus => snapshot.Offers.Values.Sum(o => o.Cpus);

    public double OfferedMemMb => snapshot.Offers.Values.Sum(o => o.MemMb);

    /// <summary>The reason shown for a pending pod.</summary>
    public static string PendingReason(PodView pod) =>
        string.IsNullOrWhiteSpace(pod.Message) ? "Waiting for a matching offer" : pod.Message;
}
