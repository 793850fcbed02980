using System.Text;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Plugins;

/// <summary><c>spec.nodeSelector</c> against the agent's node labels (its attributes and <c>kubernetes.io/hostname</c>).</summary>
public sealed class NodeSelectorFilter : IPlacementFilter
{
    private const string PluginName = "NodeSelector";
    private static readonly PlacementStatus _fits = PlacementStatus.Yes(PluginName);
    private static readonly PlacementStatus _mismatch = PlacementStatus.No(PluginName, PlacementReasons.NodeSelectorMismatch, PlacementCode.UnschedulableAndUnresolvable);

    public string Name => PluginName;

    public PlacementStatus Filter(PodRequirements pod, AgentCandidate agent)
    {
        var selector = pod.NodeSelector;
        for (var i = 0; i < selector.Count; i++)
        {
            var (key, value) = selector[i];
            if (!agent.NodeLabels.TryGetValue(key, out var actual) || actual != value)
            {
                return _mismatch;
            }
        }

        return _fits;
    }

    /// <summary>The selector's pairs, sorted by key (the keys are distinct: they come from a map).</summary>
    public void Sign(PodRequirements pod, StringBuilder signature)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(signature);
        foreach (var (key, value) in pod.NodeSelector.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            signature.Append(key).Append('=').Append(value).Append(',');
        }
    }
}
