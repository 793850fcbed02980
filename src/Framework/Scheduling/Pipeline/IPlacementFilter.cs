namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>Says whether a pod can go onto an agent. Pure and cheap: it runs for every (pod, agent) pair of a pass.</summary>
public interface IPlacementFilter
{
    string Name { get; }

    PlacementStatus Filter(PodRequirements pod, AgentCandidate agent);
}
