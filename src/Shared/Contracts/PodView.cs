namespace KubeMesos.Shared.Contracts;

/// <summary>What the dashboard shows of a pod. <see cref="Key"/> is <c>namespace/name</c>.</summary>
public sealed record PodView(
    string Namespace,
    string Name,
    string Phase,
    string? NodeName,
    string? AgentId,
    string? TaskState,
    double Cpus,
    double MemMb,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset CreatedAt,
    string? Message)
{
    public string Key => $"{Namespace}/{Name}";

    /// <summary>Waiting for an offer: not yet placed on an agent.</summary>
    public bool IsQueued => NodeName is null && Phase == PodPhases.Pending;
}
