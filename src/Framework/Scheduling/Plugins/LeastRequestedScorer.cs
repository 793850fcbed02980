using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Plugins;

/// <summary>Prefers the agent with the largest share of cpus and mem left after the pod (kube-scheduler's LeastAllocated).</summary>
public sealed class LeastRequestedScorer : IPlacementScorer
{
    public string Name => "LeastRequested";

    public double Score(PodRequirements pod, AgentCandidate agent) => 100 - MostRequestedScorer.RequestedShare(pod, agent);
}
