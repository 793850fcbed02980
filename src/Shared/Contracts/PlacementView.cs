namespace KubeMesos.Shared.Contracts;

/// <summary>A pod launched onto an agent through one of its offers.</summary>
public sealed record PlacementView(
    string Namespace,
    string Name,
    string AgentId,
    string Hostname,
    string OfferId,
    DateTimeOffset PlacedAt);
