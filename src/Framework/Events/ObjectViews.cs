using k8s.Models;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Events;

/// <summary>The dashboard's views of stored replication controllers, services, endpoints and events.</summary>
public static class ObjectViews
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    public static ReplicationControllerView From(V1ReplicationController rc)
    {
        ArgumentNullException.ThrowIfNull(rc);
        var templateLabels = Copy(rc.Spec?.Template?.Metadata?.Labels);
        return new ReplicationControllerView(
            rc.Metadata.NamespaceProperty,
            rc.Metadata.Name,
            rc.Metadata.Uid ?? "",
            rc.Spec?.Replicas ?? 1,
            rc.Status?.Replicas ?? 0,
            rc.Status?.ReadyReplicas ?? 0,
            // An RC without a selector selects its template's labels (the API defaults it that way too).
            rc.Spec?.Selector is { Count: > 0 } selector ? Copy(selector) : templateLabels,
            templateLabels,
            Copy(rc.Metadata.Labels),
            Time(rc.Metadata.CreationTimestamp));
    }

    public static ServiceView From(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new ServiceView(
            service.Metadata.NamespaceProperty,
            service.Metadata.Name,
            service.Metadata.Uid ?? "",
            Copy(service.Spec?.Selector),
            Copy(service.Metadata.Labels),
            service.Spec?.Ports?.Select(p => new ServicePortView(p.Name, p.Port, p.Protocol ?? "TCP", p.TargetPort?.Value)).ToArray() ?? [],
            Time(service.Metadata.CreationTimestamp))
        {
            Type = service.Spec?.Type ?? "ClusterIP",
            ClusterIp = service.Spec?.ClusterIP,
        };
    }

    public static EndpointsView From(V1Endpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var ready = new List<EndpointAddressView>();
        var notReady = new List<EndpointAddressView>();
        foreach (var subset in endpoints.Subsets ?? [])
        {
            var ports = subset.Ports?.Select(p => p.Port).ToArray() ?? [];
            ready.AddRange(subset.Addresses?.Select(a => Address(a, ports)) ?? []);
            notReady.AddRange(subset.NotReadyAddresses?.Select(a => Address(a, ports)) ?? []);
        }

        return new EndpointsView(endpoints.Metadata.NamespaceProperty, endpoints.Metadata.Name, ready, notReady);
    }

    public static EventView From(Corev1Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EventView(
            e.Metadata.NamespaceProperty,
            e.Metadata.Name,
            e.Type ?? EventView.Normal,
            e.Reason ?? "",
            e.Message ?? "",
            e.InvolvedObject?.Kind ?? "",
            e.InvolvedObject?.NamespaceProperty ?? e.Metadata.NamespaceProperty,
            e.InvolvedObject?.Name ?? "",
            e.Count ?? 1,
            Time(e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp))
        {
            Source = e.Source?.Component ?? e.ReportingComponent,
        };
    }

    private static EndpointAddressView Address(V1EndpointAddress address, IReadOnlyList<int> ports) =>
        new(address.TargetRef?.Name ?? address.Ip, address.NodeName ?? address.Hostname ?? address.Ip, ports);

    private static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? map) =>
        map is { Count: > 0 } ? new Dictionary<string, string>(map, StringComparer.Ordinal) : NoLabels;

    private static DateTimeOffset Time(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : DateTimeOffset.MinValue;

}
