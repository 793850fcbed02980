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
public sealed record AgentVerdict(string AgentId, string Hostname, bool Fits, IReadOnlyList<FilterVerdict> Filters, double? Score)
{
    /// <summary>
    /// How far the agent is from taking the pod: 0 when its unused resources would do (offered or not), else the share
    /// of its total still missing summed over cpus, mem and disk (+1 per fixed host port a running pod holds);
    /// null when it never could (too small in total, a selector it does not match, ports it never offered).
    /// Sorting by it (null last) puts the closest agents first.
    /// </summary>
    public double? Shortfall { get; init; }

    /// <summary>When the agent's last offer arrived; null when it never offered.</summary>
    public DateTimeOffset? LastOfferAt { get; init; }

    /// <summary>When its last outstanding offer left; null while it has offers (or never had one).</summary>
    public DateTimeOffset? UnofferedSince { get; init; }
}

/// <summary>
/// The outcome of one placement attempt for one feasibility class: pods of a class fit the same agents for the same
/// reasons, so a pass keeps one of these per class, not per pod (bounded by classes × agents, not pods × agents).
/// </summary>
public sealed record ClassExplanation(WaitingKind Kind, PlacementCode Code, string Summary, IReadOnlyList<AgentVerdict> Agents);

/// <summary>A pod's latest attempt (or its placement record), as the explanation endpoint serves it.</summary>
public sealed record PodExplanation(
    string Pod, WaitingKind Kind, string Summary, DateTimeOffset? AttemptedAt, IReadOnlyList<AgentVerdict> Agents,
    KubeMesos.Shared.Contracts.PlacementView? Placement);
