using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Api;

/// <summary>Services: defaulted as kube-apiserver does (<see cref="ApiDefaults.Service"/>); the columns of <c>kubectl get services</c>.</summary>
internal static class ServiceResource
{
    public static readonly ResourceDefinition<V1Service> Definition = new()
    {
        Plural = "services",
        Singular = "service",
        Kind = "Service",
        Namespaced = true,
        ShortNames = ["svc"],
        Validate = ServiceValidator.Validate,
        ReturnDeletedObject = true,
        Default = (service, _) => ApiDefaults.Service(service),
        Columns =
        [
            TableColumn.ObjectName(),
            TableColumn.Text("Type", "type determines how the Service is exposed."),
            TableColumn.Text("Cluster-IP", "clusterIP is the IP address of the service."),
            TableColumn.Text("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
            TableColumn.Text("Port(s)", "The ports that are exposed by this service."),
            TableColumn.Age(),
            TableColumn.Text("Selector", "Route service traffic to pods with label keys and values matching this selector.", 1),
        ],
        Cells = (service, now) =>
        [
            service.Metadata.Name,
            service.Spec?.Type ?? "ClusterIP",
            string.IsNullOrEmpty(service.Spec?.ClusterIP) ? "<none>" : service.Spec.ClusterIP,
            service.Spec?.ExternalIPs is { Count: > 0 } ips ? string.Join(",", ips) : service.Spec?.Type == "LoadBalancer" ? "<pending>" : "<none>",
            service.Spec?.Ports is { Count: > 0 } ports
                ? string.Join(",", ports.Select(p => p.NodePort is { } node and > 0 ? $"{p.Port}:{node}/{p.Protocol ?? "TCP"}" : $"{p.Port}/{p.Protocol ?? "TCP"}"))
                : "<none>",
            HumanDuration.Since(service.Metadata.CreationTimestamp, now),
            service.Spec?.Selector is { Count: > 0 } selector ? string.Join(",", selector.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")) : "<none>",
        ],
    };

    public static readonly ResourceHandler<V1Service> Handler = new(Definition);
}
