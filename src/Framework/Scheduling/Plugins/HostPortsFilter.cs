using System.Globalization;
using System.Text;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Plugins;

/// <summary>
/// Fixed host ports must be offered and free on the agent (and not asked twice by the pod); wildcard ports need
/// enough other free offered ports.
/// </summary>
public sealed class HostPortsFilter : IPlacementFilter
{
    private const string PluginName = "HostPorts";
    private static readonly PlacementStatus _fits = PlacementStatus.Yes(PluginName);
    private static readonly PlacementStatus _unavailable = PlacementStatus.No(PluginName, PlacementReasons.HostPortUnavailable);
    private static readonly PlacementStatus _insufficient = PlacementStatus.No(PluginName, PlacementReasons.InsufficientPorts);

    public string Name => PluginName;

    public PlacementStatus Filter(PodRequirements pod, AgentCandidate agent)
    {
        var requests = pod.HostPorts;
        if (requests.Count == 0)
        {
            return _fits;
        }

        ulong fixedPorts = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (request.IsWildcard)
            {
                continue;
            }

            if (AskedBefore(requests, i) || !agent.FreePorts.Contains((ulong)request.HostPort))
            {
                return _unavailable;
            }

            fixedPorts++;
        }

        var wildcards = (ulong)requests.Count - fixedPorts;
        return wildcards == 0 || agent.FreePorts.Count - fixedPorts >= wildcards ? _fits : _insufficient;
    }

    /// <summary>
    /// Every requested host port, wildcards (0) included since their count matters, sorted; with its protocol (which
    /// the filter does not read: it keeps the classes as they were, a finer split is harmless), not the container.
    /// </summary>
    public void Sign(PodRequirements pod, StringBuilder signature)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(signature);
        foreach (var port in pod.HostPorts.OrderBy(p => p.Protocol, StringComparer.Ordinal).ThenBy(p => p.HostPort))
        {
            signature.Append(CultureInfo.InvariantCulture, $"{port.Protocol}:{port.HostPort},");
        }
    }

    // A pod has a handful of ports: a scan of the earlier ones is cheaper than a set built for every agent.
    private static bool AskedBefore(IReadOnlyList<HostPortRequest> requests, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (!requests[j].IsWildcard && requests[j].HostPort == requests[index].HostPort)
            {
                return true;
            }
        }

        return false;
    }
}
