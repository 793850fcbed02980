using System.Globalization;
using System.Net;
using k8s.Models;
using KubeMesos.Shared.Labels;

namespace KubeMesos.Framework.Controllers;

/// <summary>
/// A service's endpoints as a pure function of the service and the pods of its namespace, as kubernetes-mesos
/// computed them for pods on Mesos: the address of a pod is where it runs, and each port is the HOST port the
/// scheduler chose for the target container port (annotation <c>k8s.mesosphere.io/port_&lt;PROTOCOL&gt;_&lt;port&gt;</c>).
/// <para>
/// Address <c>ip</c>: Kubernetes requires one, but our agents are named (<c>agent-3</c>) and pods have no IP of their
/// own, so it is <c>status.podIP</c>, else <c>status.hostIP</c>, else <c>127.0.0.1</c> (the embedded agents all run
/// here); <c>nodeName</c> always names the agent, which is what a client on Mesos actually needs with the host port.
/// </para>
/// </summary>
public static class EndpointsBuilder
{
    public const string HostPortAnnotationPrefix = "k8s.mesosphere.io/port_";
    public const string FallbackIp = "127.0.0.1";

    /// <summary>The service's selector, or null when it has none (then its endpoints are not ours to manage).</summary>
    public static LabelSelector? SelectorOf(V1Service service) =>
        service.Spec?.Selector is { Count: > 0 } map ? LabelSelector.FromMatchLabels(map) : null;

    /// <summary>
    /// One subset per distinct set of ports, ready pods under <c>addresses</c> and the others under
    /// <c>notReadyAddresses</c>; subsets, addresses and ports in a stable order so equal inputs give equal output.
    /// </summary>
    public static IList<V1EndpointSubset> Build(V1Service service, IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(pods);
        var selector = SelectorOf(service);
        if (selector is null)
        {
            return [];
        }

        var bySet = new SortedDictionary<string, (List<Corev1EndpointPort> Ports, List<V1EndpointAddress> Ready, List<V1EndpointAddress> NotReady)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Metadata.NamespaceProperty != service.Metadata.NamespaceProperty || !selector.Matches(pod.Metadata)
                || !PodStates.IsActive(pod) || string.IsNullOrEmpty(pod.Spec?.NodeName))
            {
                continue;
            }

            var ports = PortsOf(service, pod);
            if (ports.Count == 0 && service.Spec.Ports is { Count: > 0 })
            {
                continue; // none of the service's target ports is exposed by this pod
            }

            var setKey = string.Join(',', ports.Select(p => $"{p.Name}:{p.Port}/{p.Protocol}"));
            if (!bySet.TryGetValue(setKey, out var subset))
            {
                subset = (ports, [], []);
                bySet[setKey] = subset;
            }

            (PodStates.IsReady(pod) ? subset.Ready : subset.NotReady).Add(AddressOf(pod));
        }

        return bySet.Values.Select(s => new V1EndpointSubset
        {
            Ports = s.Ports.Count == 0 ? null : s.Ports,
            Addresses = s.Ready.Count == 0 ? null : Sorted(s.Ready),
            NotReadyAddresses = s.NotReady.Count == 0 ? null : Sorted(s.NotReady),
        }).ToList();
    }

    /// <summary>The endpoint ports of a pod for the service's ports, sorted by name; a target it lacks is left out.</summary>
    public static List<Corev1EndpointPort> PortsOf(V1Service service, V1Pod pod)
    {
        var result = new List<Corev1EndpointPort>();
        foreach (var port in service.Spec?.Ports ?? [])
        {
            var protocol = port.Protocol ?? "TCP";
            var containerPort = ContainerPortFor(pod, port.TargetPort?.Value ?? port.Port.ToString(CultureInfo.InvariantCulture), protocol);
            if (containerPort is null)
            {
                continue;
            }

            var hostPort = pod.Metadata.Annotations?.TryGetValue($"{HostPortAnnotationPrefix}{protocol}_{containerPort}", out var chosen) == true
                && int.TryParse(chosen, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : containerPort.Value;
            result.Add(new Corev1EndpointPort { Name = port.Name, Port = hostPort, Protocol = protocol });
        }

        return result.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The container port a target port means: a number is that port (declared or not, as in Kubernetes); a name is
    /// the declared container port of that name and protocol, or null when the pod has none.
    /// </summary>
    private static int? ContainerPortFor(V1Pod pod, string target, string protocol)
    {
        if (int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return pod.Spec?.Containers?
            .SelectMany(c => c.Ports ?? [])
            .FirstOrDefault(p => p.Name == target && (p.Protocol ?? "TCP") == protocol)?.ContainerPort;
    }

    private static V1EndpointAddress AddressOf(V1Pod pod) => new()
    {
        Ip = FirstIp(pod.Status?.PodIP, pod.Status?.HostIP) ?? FallbackIp,
        NodeName = pod.Spec.NodeName,
        TargetRef = new V1ObjectReference
        {
            Kind = "Pod", NamespaceProperty = pod.Metadata.NamespaceProperty, Name = pod.Metadata.Name, Uid = pod.Metadata.Uid,
        },
    };

    private static string? FirstIp(params string?[] candidates) =>
        candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && IPAddress.TryParse(c, out _));

    private static List<V1EndpointAddress> Sorted(List<V1EndpointAddress> addresses) =>
        addresses.OrderBy(a => a.Ip, StringComparer.Ordinal).ThenBy(a => a.TargetRef.Name, StringComparer.Ordinal).ToList();
}
