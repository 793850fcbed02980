using System.Globalization;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>The resources the Agents page colours its heat map by (the <c>resource</c> query parameter).</summary>
public enum AgentResource { Cpus, Mem, Disk, Ports }

/// <summary>One agent's row: usage as percentages and "used / capacity" texts, attributes as <c>name=value</c>.</summary>
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
    public double DiskPercent { get; init; }

    public string DiskText { get; init; } = "";

    public double PortsPercent { get; init; }

    public string PortsText { get; init; } = "";

    /// <summary>The agent's page.</summary>
    public string Href => "agents/" + Uri.EscapeDataString(AgentId);

    public static AgentRow From(AgentView agent) => new(
        agent.AgentId,
        agent.Hostname,
        agent.CpusFraction * 100,
        $"{DisplayFormat.Cpus(agent.CpusUsed)} / {DisplayFormat.Cpus(agent.CpusCapacity)} cpus",
        agent.MemFraction * 100,
        $"{DisplayFormat.Memory(agent.MemUsedMb)} / {DisplayFormat.Memory(agent.MemCapacityMb)}",
        agent.PodCount,
        [.. agent.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")])
    {
        DiskPercent = agent.DiskFraction * 100,
        DiskText = $"{DisplayFormat.Memory(agent.DiskUsedMb)} / {DisplayFormat.Memory(agent.DiskCapacityMb)}",
        PortsPercent = agent.PortsFraction * 100,
        PortsText = $"{agent.PortsUsed.ToString("N0", CultureInfo.InvariantCulture)} / {agent.PortsCapacity.ToString("N0", CultureInfo.InvariantCulture)} ports",
    };

    /// <summary>Agents by hostname.</summary>
    public static IReadOnlyList<AgentRow> FromSnapshot(ClusterSnapshot snapshot) =>
        [.. Sorted(snapshot).Select(From)];

    internal static IEnumerable<AgentView> Sorted(ClusterSnapshot snapshot) =>
        snapshot.Agents.Values.OrderBy(a => a.Hostname, StringComparer.Ordinal).ThenBy(a => a.AgentId, StringComparer.Ordinal);

    public double Percent(AgentResource resource) => resource switch
    {
        AgentResource.Cpus => CpuPercent,
        AgentResource.Mem => MemPercent,
        AgentResource.Disk => DiskPercent,
        _ => PortsPercent,
    };

    public string Text(AgentResource resource) => resource switch
    {
        AgentResource.Cpus => CpuText,
        AgentResource.Mem => MemText,
        AgentResource.Disk => DiskText,
        _ => PortsText,
    };
}

/// <summary>One heat map cell: the agent, its colour step (0 idle … 10 full) and the tooltip with every number.</summary>
public sealed record HeatCell(string AgentId, string Hostname, string Href, int Level, string Tooltip);

/// <summary>
/// The Agents page of one snapshot: rows by hostname, filtered by a text, and the heat map cells of the chosen resource.
/// Built once per snapshot or filter change.
/// </summary>
public sealed class AgentsViewModel
{
    /// <summary>Colour steps of the heat map: 0 … <see cref="Levels"/>, each a tenth.</summary>
    public const int Levels = 10;

    public AgentsViewModel(ClusterSnapshot snapshot, AgentResource resource, string? filter)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Resource = resource;
        Total = snapshot.Agents.Count;
        var text = filter?.Trim() ?? "";
        Rows = [.. AgentRow.FromSnapshot(snapshot).Where(r => text.Length == 0 || Matches(r, text))];
        Cells = [.. Rows.Select(r => new HeatCell(r.AgentId, r.Hostname, r.Href, Level(r.Percent(resource)), Tooltip(r)))];
    }

    public AgentResource Resource { get; }

    /// <summary>Agents in the snapshot (before the filter).</summary>
    public int Total { get; }

    public IReadOnlyList<AgentRow> Rows { get; }

    public IReadOnlyList<HeatCell> Cells { get; }

    /// <summary>The <c>resource</c> query value, defaulting to cpus for anything unknown.</summary>
    public static AgentResource ParseResource(string? value) =>
        Enum.TryParse<AgentResource>(value, ignoreCase: true, out var resource) && Enum.IsDefined(resource) ? resource : AgentResource.Cpus;

    public static string ResourceName(AgentResource resource) => resource switch
    {
        AgentResource.Cpus => "CPU",
        AgentResource.Mem => "Memory",
        AgentResource.Disk => "Disk",
        _ => "Ports",
    };

    /// <summary>The colour step of a percentage: 0 only when idle, otherwise 1 … 10 (a nearly idle agent is not blank).</summary>
    public static int Level(double percent) =>
        percent <= 0 ? 0 : Math.Clamp((int)Math.Ceiling(percent / (100.0 / Levels)), 1, Levels);

    private static bool Matches(AgentRow row, string text) =>
        row.Hostname.Contains(text, StringComparison.OrdinalIgnoreCase)
        || row.AgentId.Contains(text, StringComparison.OrdinalIgnoreCase)
        || row.Attributes.Any(a => a.Contains(text, StringComparison.OrdinalIgnoreCase));

    private static string Tooltip(AgentRow row) =>
        FormattableString.Invariant($"{row.Hostname} · CPU {row.CpuPercent:0}% ({row.CpuText}) · Memory {row.MemPercent:0}% ({row.MemText}) · Disk {row.DiskPercent:0}% ({row.DiskText}) · Ports {row.PortsPercent:0}% ({row.PortsText}) · ")
        + (row.PodCount == 1 ? "1 pod" : $"{DisplayFormat.Count(row.PodCount)} pods");
}

/// <summary>One agent's page: its row, its pods newest first, whether it still exists.</summary>
public sealed class AgentDetailModel
{
    public AgentDetailModel(ClusterSnapshot snapshot, string agentId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        AgentId = agentId;
        Agent = snapshot.Agents.GetValueOrDefault(agentId);
        Row = Agent is null ? null : AgentRow.From(Agent);
        Pods = [.. PodIndex.Of(snapshot).NewestFirst.Where(p => p.AgentId == agentId)];
    }

    public string AgentId { get; }

    /// <summary>Null once the agent has gone (removed or failed).</summary>
    public AgentView? Agent { get; }

    public AgentRow? Row { get; }

    public IReadOnlyList<PodView> Pods { get; }
}
