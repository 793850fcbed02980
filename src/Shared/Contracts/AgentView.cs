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
}
