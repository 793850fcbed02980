namespace KubeMesos.Shared.Contracts;

/// <summary>A pod launched onto an agent through one of its offers, with how the placement chose it.</summary>
/// <param name="Strategy">The placement strategy that chose the agent.</param>
/// <param name="Score">The chosen agent's summed scorer score (null under first fit).</param>
/// <param name="RunnersUp">The next best agents with their scores, best first.</param>
/// <param name="Waited">Time from the pod's creation to its placement.</param>
public sealed record PlacementView(
    string Namespace,
    string Name,
    string AgentId,
    string Hostname,
    string OfferId,
    DateTimeOffset PlacedAt,
    string? Strategy = null,
    double? Score = null,
    IReadOnlyList<RunnerUpView>? RunnersUp = null,
    TimeSpan? Waited = null);

/// <summary>An agent that could have taken the pod but scored lower.</summary>
public sealed record RunnerUpView(string Hostname, double Score);
