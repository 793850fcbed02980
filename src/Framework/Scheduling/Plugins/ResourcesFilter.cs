using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Plugins;

/// <summary>cpus, mem and disk of the pod and its executor against what the agent's offers still hold.</summary>
public sealed class ResourcesFilter : IPlacementFilter
{
    public string Name => "Resources";

    public PlacementStatus Filter(PodRequirements pod, AgentCandidate agent)
    {
        if (!agent.Free.HasCpusFor(pod.WithExecutor))
        {
            return PlacementStatus.No(Name, "insufficient cpus");
        }

        if (!agent.Free.HasMemFor(pod.WithExecutor))
        {
            return PlacementStatus.No(Name, "insufficient mem");
        }

        return agent.Free.HasDiskFor(pod.WithExecutor)
            ? PlacementStatus.Yes(Name)
            : PlacementStatus.No(Name, "insufficient disk");
    }
}
