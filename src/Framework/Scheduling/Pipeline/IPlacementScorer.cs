namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>Ranks agents that passed every filter: higher is better, 0 to 100.</summary>
public interface IPlacementScorer
{
    string Name { get; }

    double Score(PodRequirements pod, AgentCandidate agent);
}
