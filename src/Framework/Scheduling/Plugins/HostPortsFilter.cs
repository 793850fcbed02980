using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Plugins;

/// <summary>
/// Fixed host ports must be offered and free on the agent (and not asked twice by the pod); wildcard ports need
/// enough other free offered ports.
/// </summary>
public sealed class HostPortsFilter : IPlacementFilter
{
    public string Name => "HostPorts";

    public PlacementStatus Filter(PodRequirements pod, AgentCandidate agent)
    {
        if (pod.HostPorts.Count == 0)
        {
            return PlacementStatus.Yes(Name);
        }

        ulong fixedPorts = 0;
        HashSet<int>? seen = null;
        foreach (var request in pod.HostPorts)
        {
            if (request.IsWildcard)
            {
                continue;
            }

            seen ??= [];
            if (!seen.Add(request.HostPort) || !agent.FreePorts.Contains((ulong)request.HostPort))
            {
                return PlacementStatus.No(Name, "host port unavailable");
            }

            fixedPorts++;
        }

        var wildcards = (ulong)pod.HostPorts.Count - fixedPorts;
        return wildcards == 0 || agent.FreePorts.Count - fixedPorts >= wildcards
            ? PlacementStatus.Yes(Name)
            : PlacementStatus.No(Name, "insufficient ports");
    }
}
