using System.Globalization;
using System.Text;

namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>
/// What decides whether a pod can fit on an agent at all: its resources with the executor's share, its host ports and
/// its node selector (the filters' inputs; scorers only rank). Pods of one class fit the same agents, so once one of
/// them fit nowhere in a placement pass, the others of its class cannot either until the pass ends: agents only fill
/// up within a pass. That turns a pass over thousands of waiting look-alike pods into one decision per class.
/// </summary>
public static class FeasibilityClass
{
    public static string Of(PodRequirements pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var key = new StringBuilder(64)
            .Append(CultureInfo.InvariantCulture, $"{pod.WithExecutor.Cpus:R}|{pod.WithExecutor.MemMb:R}|{pod.WithExecutor.DiskMb:R}|");
        foreach (var port in pod.HostPorts.OrderBy(p => p.Protocol, StringComparer.Ordinal).ThenBy(p => p.HostPort))
        {
            key.Append(CultureInfo.InvariantCulture, $"{port.Protocol}:{port.HostPort},");
        }

        key.Append('|');
        foreach (var (name, value) in pod.NodeSelector.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            key.Append(name).Append('=').Append(value).Append(',');
        }

        key.Append('|').Append(pod.Role);
        return key.ToString();
    }
}
