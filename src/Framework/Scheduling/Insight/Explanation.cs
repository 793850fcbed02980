using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Insight;

/// <summary>Why a pod waits (or where it went): the three kinds of waiting told apart.</summary>
public enum WaitingKind
{
    /// <summary>No known agent can ever take it: too big for every agent's total, a node selector or host port none has.</summary>
    NeverFits,

    /// <summary>An agent's total could take it, but running pods hold what it needs.</summary>
    WaitsForResources,

    /// <summary>An agent has what it needs unused, but is not offering it now.</summary>
    WaitsForOffer,

    Scheduled,
}

/// <summary>One filter's verdict for one pod on one agent; the reason carries the numbers.</summary>
public sealed record FilterVerdict(string Name, bool Passed, string? Reason, PlacementCode Code);

/// <summary>Every filter's verdict on one agent and, where all passed, the scorers' summed score.</summary>
public sealed record AgentVerdict(string AgentId, string Hostname, bool Fits, IReadOnlyList<FilterVerdict> Filters, double? Score);

/// <summary>
/// The outcome of one placement attempt for one feasibility class: pods of a class fit the same agents for the same
/// reasons, so a pass keeps one of these per class, not per pod (bounded by classes × agents, not pods × agents).
/// </summary>
public sealed record ClassExplanation(WaitingKind Kind, PlacementCode Code, string Summary, IReadOnlyList<AgentVerdict> Agents);

/// <summary>A pod's latest attempt (or its placement record), as the explanation endpoint serves it.</summary>
public sealed record PodExplanation(
    string Pod, WaitingKind Kind, string Summary, DateTimeOffset? AttemptedAt, IReadOnlyList<AgentVerdict> Agents,
    KubeMesos.Shared.Contracts.PlacementView? Placement);
