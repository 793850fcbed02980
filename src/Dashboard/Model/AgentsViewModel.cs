using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>One agent card: usage as percentages and "used / capacity" texts.</summary>
public sealed record AgentRow(
    string AgentId,
    string Hostname,
    double CpuPercent,
    string CpuText,
    double MemPercent,
    string MemText,
    int PodCount,
    IReadOnlyList<string> Attributes)
{
    public static AgentRow From(AgentView agent) => new(
        agent.AgentId,
        agent.Hostname,
        agent.CpusFraction * 100,
        $"{DisplayFormat.Cpus(agent.CpusUsed)} / {DisplayFormat.Cpus(agent.CpusCapacity)} cpus",
        agent.MemFraction * 100,
        $"{DisplayFormat.Memory(agent.MemUsedMb)} / {DisplayFormat.Memory(agent.MemCapacityMb)}",
        agent.PodCount,
        [.. agent.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")]);

    /// <summary>Agents by hostname.</summary>
    public static IReadOnlyList<AgentRow> FromSnapshot(ClusterSnapshot snapshot) =>
        [.. snapshot.Agents.Values.OrderBy(a => a.Hostname, StringComparer.Ordinal).ThenBy(a => a.AgentId, StringComparer.Ordinal).Select(From)];
}
