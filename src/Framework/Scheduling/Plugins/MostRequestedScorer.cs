using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Plugins;

/// <summary>Prefers the fullest agent that still fits (bin packing; kube-scheduler's MostAllocated).</summary>
public sealed class MostRequestedScorer : IPlacementScorer
{
    public string Name => "MostRequested";

    public double Score(PodRequirements pod, AgentCandidate agent) => RequestedShare(pod, agent);

    /// <summary>Mean of the cpus and mem shares requested on the agent once the pod is there, 0 to 100.</summary>
    internal static double RequestedShare(PodRequirements pod, AgentCandidate agent)
    {
        var after = agent.Requested + pod.WithExecutor;
        return 50 * (Share(after.Cpus, agent.Capacity.Cpus) + Share(after.MemMb, agent.Capacity.MemMb));
    }

    private static double Share(double requested, double capacity) => capacity <= 0 ? 1 : Math.Clamp(requested / capacity, 0, 1);
}
