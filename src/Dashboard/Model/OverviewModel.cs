using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// One resource across the cluster: what the agents have, what our pods hold, what is offered to us now, and what is
/// idle (neither held nor offered: another framework's, or not yet re-offered).
/// </summary>
public sealed record ResourceTotals(string Name, double Total, double InUse, double Offered, string Unit)
{
    public double Idle => Math.Max(0, Total - InUse - Offered);

    public double InUsePercent => Total <= 0 ? 0 : Math.Clamp(InUse / Total * 100, 0, 100);

    public double OfferedPercent => Total <= 0 ? 0 : Math.Clamp(Offered / Total * 100, 0, 100 - InUsePercent);

    public string Format(double value) => Unit == "cpus" ? DisplayFormat.Cpus(value) : DisplayFormat.Memory(value);
}

/// <summary>A count in a breakdown (pods by phase, controllers by health).</summary>
public sealed record CountBy(string Name, int Count);

/// <summary>
/// The Overview of one snapshot, under the namespace picker's choice (pods, controllers and warnings filter by it;
/// agents and resources are the cluster's). Built once per snapshot.
/// </summary>
public sealed class OverviewModel
{
    /// <summary>How many warnings the Overview lists.</summary>
    public const int WarningsShown = 8;

    private static readonly string[] Phases = [PodPhases.Pending, PodPhases.Running, PodPhases.Succeeded, PodPhases.Failed, PodPhases.Unknown];

    public OverviewModel(ClusterSnapshot snapshot, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        double cpus = 0, cpusUsed = 0, mem = 0, memUsed = 0, disk = 0, diskUsed = 0;
        foreach (var agent in snapshot.Agents.Values)
        {
            cpus += agent.CpusCapacity;
            cpusUsed += agent.CpusUsed;
            mem += agent.MemCapacityMb;
            memUsed += agent.MemUsedMb;
            disk += agent.DiskCapacityMb;
            diskUsed += agent.DiskUsedMb;
        }

        double cpusOffered = 0, memOffered = 0, diskOffered = 0;
        foreach (var offer in snapshot.Offers.Values)
        {
            cpusOffered += offer.Cpus;
            memOffered += offer.MemMb;
            diskOffered += offer.DiskMb;
        }

        Resources =
        [
            new("CPU", cpus, cpusUsed, cpusOffered, "cpus"),
            new("Memory", mem, memUsed, memOffered, "MB"),
            new("Disk", disk, diskUsed, diskOffered, "MB"),
        ];
        Agents = snapshot.Agents.Count;
        Offers = snapshot.Offers.Count;

        var byPhase = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in snapshot.Pods.Values)
        {
            if (NamespaceQuery.Matches(ns, pod.Namespace))
            {
                byPhase[pod.Phase] = byPhase.GetValueOrDefault(pod.Phase) + 1;
                Pods++;
            }
        }

        PodsByPhase = [.. Phases.Select(p => new CountBy(p, byPhase.GetValueOrDefault(p)))];
        var controllers = snapshot.ReplicationControllers.Values.Where(r => NamespaceQuery.Matches(ns, r.Namespace)).ToList();
        ReplicationControllers = controllers.Count;
        HealthyReplicationControllers = controllers.Count(r => r.IsHealthy);
        UnhealthyControllers = [.. controllers.Where(r => !r.IsHealthy).OrderBy(r => r.Key, StringComparer.Ordinal)];
        Warnings = [.. snapshot.RecentEvents.Where(e => e.IsWarning && NamespaceQuery.Matches(ns, e.Namespace)).Take(WarningsShown)];
        IsEmpty = snapshot.Pods.IsEmpty && snapshot.ReplicationControllers.IsEmpty && snapshot.Services.IsEmpty;
    }

    public IReadOnlyList<ResourceTotals> Resources { get; }

    public int Agents { get; }

    public int Offers { get; }

    public int Pods { get; }

    public IReadOnlyList<CountBy> PodsByPhase { get; }

    public int ReplicationControllers { get; }

    public int HealthyReplicationControllers { get; }

    public int UnhealthyReplicationControllers => ReplicationControllers - HealthyReplicationControllers;

    /// <summary>Controllers with fewer ready pods than desired, by name.</summary>
    public IReadOnlyList<ReplicationControllerView> UnhealthyControllers { get; }

    /// <summary>The newest warning events, newest first.</summary>
    public IReadOnlyList<EventView> Warnings { get; }

    /// <summary>No pods, services or controllers at all (in any namespace): a first run.</summary>
    public bool IsEmpty { get; }
}
