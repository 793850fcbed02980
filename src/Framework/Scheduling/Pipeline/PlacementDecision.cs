namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>Where a pod goes, or why it goes nowhere (Kubernetes-style: "0/5 agents fit: 3 insufficient cpus, ...").</summary>
/// <param name="Score">The chosen agent's summed scorer score (null under first fit, which does not score).</param>
/// <param name="RunnersUp">The next best agents with their scores, best first.</param>
public sealed record PlacementDecision(AgentCandidate? Agent, string? Explanation, double? Score = null, IReadOnlyList<RunnerUp>? RunnersUp = null)
{
    public bool Placed => Agent is not null;
}

/// <summary>An agent that fit but scored lower than the chosen one.</summary>
public readonly record struct RunnerUp(string Hostname, double Score);
