using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// What the Scheduling page shows of one snapshot, in display order. Built once per snapshot and read by every render
/// until the next one, so every figure is computed here, not in a getter; the pod orderings come from the shared
/// <see cref="PodIndex"/>.
/// </summary>
public sealed class SchedulingViewModel
{
    /// <param name="namespace">The app bar's choice (<c>ns</c>): pods and placements of that namespace only; offers and
    /// agents belong to the whole cluster and stay.</param>
    public SchedulingViewModel(ClusterSnapshot snapshot, int placementsShown, int latestPodsShown = 10, string? @namespace = null)
    {
        var pods = PodIndex.Of(snapshot);
        var ns = NamespaceQuery.Normalize(@namespace);
        Offers = [.. snapshot.Offers.Values.OrderBy(o => o.ReceivedAt).ThenBy(o => o.OfferId, StringComparer.Ordinal)];
        if (ns is null)
        {
            PendingQueue = pods.Queue;
            Placements = [.. snapshot.RecentPlacements.Take(placementsShown)];
            LatestPods = [.. pods.NewestFirst.Take(latestPodsShown)];
            PodCount = pods.Count;
            RunningPods = pods.Running;
        }
        else
        {
            var inNamespace = pods.NewestFirst.Where(p => p.Namespace == ns).ToList();
            PendingQueue = [.. pods.Queue.Where(p => p.Namespace == ns)];
            Placements = [.. snapshot.RecentPlacements.Where(p => p.Namespace == ns).Take(placementsShown)];
            LatestPods = [.. inNamespace.Take(latestPodsShown)];
            PodCount = inNamespace.Count;
            RunningPods = inNamespace.Count(p => p.Phase == PodPhases.Running);
        }

        AgentCount = snapshot.Agents.Count;
        foreach (var offer in Offers)
        {
            OfferedCpus += offer.Cpus;
            OfferedMemMb += offer.MemMb;
        }
    }

    /// <summary>Outstanding offers, oldest first (the ones the scheduler will decline first).</summary>
    public IReadOnlyList<OfferView> Offers { get; }

    /// <summary>Pods waiting for an offer, first come first served.</summary>
    public IReadOnlyList<PodView> PendingQueue { get; }

    /// <summary>The latest placements, newest first.</summary>
    public IReadOnlyList<PlacementView> Placements { get; }

    /// <summary>The newest pods; the Pods page lists them all.</summary>
    public IReadOnlyList<PodView> LatestPods { get; }

    public int PodCount { get; }

    public int RunningPods { get; }

    public int AgentCount { get; }

    public double OfferedCpus { get; }

    public double OfferedMemMb { get; }

    /// <summary>The paused page's counter: how many changes Resume will apply.</summary>
    public static string WaitingText(int changes) => changes switch
    {
        0 => "Paused: no changes waiting",
        1 => "Paused: 1 change waiting",
        _ => $"Paused: {DisplayFormat.Count(changes)} changes waiting",
    };

    /// <summary>The reason shown for a pending pod.</summary>
    public static string PendingReason(PodView pod) =>
        string.IsNullOrWhiteSpace(pod.Message) ? "Waiting for a matching offer" : pod.Message;
}
