using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Plugins;

/// <summary>Prefers agents running fewer pods of the same owner (replicas of one controller apart).</summary>
public sealed class OwnerSpreadScorer : IPlacementScorer
{
    public string Name => "OwnerSpread";

    public double Score(PodRequirements pod, AgentCandidate agent) =>
        pod.OwnerUid is null ? 100 : 100.0 / (1 + agent.PodsOf(pod.OwnerUid));
}
