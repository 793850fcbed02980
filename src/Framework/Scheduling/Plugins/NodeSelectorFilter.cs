using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Plugins;

/// <summary><c>spec.nodeSelector</c> against the agent's node labels (its attributes and <c>kubernetes.io/hostname</c>).</summary>
public sealed class NodeSelectorFilter : IPlacementFilter
{
    public string Name => "NodeSelector";

    public PlacementStatus Filter(PodRequirements pod, AgentCandidate agent)
    {
        foreach (var (key, value) in pod.NodeSelector)
        {
            if (!agent.NodeLabels.TryGetValue(key, out var actual) || actual != value)
            {
                return PlacementStatus.No(Name, "node selector mismatch");
            }
        }

        return PlacementStatus.Yes(Name);
    }
}
