namespace KubeMesos.Shared.Contracts;

/// <summary>
/// One Mesos agent as the framework sees it. Capacity is what the agent has offered us plus what our tasks
/// hold there (a framework only ever sees its own share of an agent).
/// </summary>
public sealed record AgentView(
    string AgentId,
    string Hostname,
    double CpusCapacity,
    double MemCapacityMb,
    double CpusUsed,
    double MemUsedMb,
    int PodCount,
    IReadOnlyDictionary<string, string> Attributes)
{
    public double CpusFraction => CpusCapacity <= 0 ? 0 : Math.Clamp(CpusUsed / CpusCapacity, 0, 1);

    public double MemFraction => MemCapacityMb <= 0 ? 0 : Math.Clamp(MemUsedMb / MemCapacityMb, 0, 1);

    /// <summary>Disk in MB, seen as cpus and memory are (offered plus what our tasks hold).</summary>
    public double DiskCapacityMb { get; init; }

    public double DiskUsedMb { get; init; }

    /// <summary>How many ports the agent has for us (offered plus held by our pods' host ports).</summary>
    public long PortsCapacity { get; init; }

    /// <summary>Host ports our pods hold on the agent.</summary>
    public long PortsUsed { get; init; }

    public double DiskFraction => DiskCapacityMb <= 0 ? 0 : Math.Clamp(DiskUsedMb / DiskCapacityMb, 0, 1);

    public double PortsFraction => PortsCapacity <= 0 ? 0 : Math.Clamp((double)PortsUsed / PortsCapacity, 0, 1);
}
