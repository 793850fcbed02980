using System.Text;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Plugins;

/// <summary>A pod that asks for a Mesos role (<see cref="PodRoles.Annotation"/>) only uses offers allocated to it.</summary>
public sealed class RoleFilter : IPlacementFilter
{
    private const string PluginName = "Role";
    private static readonly PlacementStatus _fits = PlacementStatus.Yes(PluginName);
    private static readonly PlacementStatus _mismatch = PlacementStatus.No(PluginName, PlacementReasons.RoleMismatch, PlacementCode.Unschedulable);

    public string Name => PluginName;

    public PlacementStatus Filter(PodRequirements pod, AgentCandidate agent) =>
        pod.Role is null || agent.Role is null || pod.Role == agent.Role ? _fits : _mismatch;

    public void Sign(PodRequirements pod, StringBuilder signature)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(signature);
        signature.Append(pod.Role);
    }
}
