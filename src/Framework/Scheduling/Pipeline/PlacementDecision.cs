namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>Where a pod goes, or why it goes nowhere (Kubernetes-style: "0/5 agents fit: 3 insufficient cpus, ...").</summary>
public sealed record PlacementDecision(AgentCandidate? Agent, string? Explanation)
{
    public bool Placed => Agent is not null;
}
