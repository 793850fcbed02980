using System.Globalization;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>How services read in lists and on their page.</summary>
public static class ServiceText
{
    /// <summary><c>80→8080/TCP, 53/UDP</c>: the service port, its target when different, the protocol.</summary>
    public static string Ports(ServiceView service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Ports.Count == 0)
        {
            return "none";
        }

        return string.Join(", ", service.Ports.Select(p =>
        {
            var port = p.Port.ToString(CultureInfo.InvariantCulture);
            var target = p.TargetPort is { Length: > 0 } t && t != port ? $"→{t}" : "";
            return $"{port}{target}/{p.Protocol}";
        }));
    }

    /// <summary>"2 ready" or "2 ready, 1 not ready"; "none" without endpoints.</summary>
    public static string Endpoints(ClusterSnapshot snapshot, ServiceView service)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(service);
        if (!snapshot.Endpoints.TryGetValue(service.Key, out var endpoints) || endpoints.Ready.Count + endpoints.NotReady.Count == 0)
        {
            return "none";
        }

        return endpoints.NotReady.Count == 0
            ? $"{DisplayFormat.Count(endpoints.Ready.Count)} ready"
            : $"{DisplayFormat.Count(endpoints.Ready.Count)} ready, {DisplayFormat.Count(endpoints.NotReady.Count)} not ready";
    }
}
