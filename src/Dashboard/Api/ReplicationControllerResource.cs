using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Api;

/// <summary>Replication controllers: replicas, selector and labels defaulted from the template (<see cref="ApiDefaults.ReplicationController"/>), status starts at zero; <c>kubectl get rc</c> columns.</summary>
internal static class ReplicationControllerResource
{
    public static readonly ResourceDefinition<V1ReplicationController> Definition = new()
    {
        Plural = "replicationcontrollers",
        Singular = "replicationcontroller",
        Kind = "ReplicationController",
        Namespaced = true,
        ShortNames = ["rc"],
        Validate = ReplicationControllerValidator.Validate,
        ValidateJson = rc => QuantityFields.InPodSpec(QuantityFields.At(QuantityFields.At(rc["spec"], "template"), "spec"), "spec.template.spec"),
        HasDependents = true,
        Default = (rc, api) => ApiDefaults.ReplicationController(rc, api.SchedulerName),
        PrepareForCreate = rc => rc.Status = new V1ReplicationControllerStatus { Replicas = 0 },
        Columns =
        [
            TableColumn.ObjectName(),
            TableColumn.Number("Desired", "Replicas is the number of desired replicas."),
            TableColumn.Number("Current", "Replicas is the most recently observed number of replicas."),
            TableColumn.Number("Ready", "The number of ready replicas for this replication controller."),
            TableColumn.Age(),
            TableColumn.Text("Containers", "Names of each container in the template.", 1),
            TableColumn.Text("Images", "Images referenced by each container in the template.", 1),
            TableColumn.Text("Selector", "Label selector for pods.", 1),
        ],
        Cells = (rc, now) =>
        [
            rc.Metadata.Name,
            rc.Spec?.Replicas ?? 0,
            rc.Status?.Replicas ?? 0,
            rc.Status?.ReadyReplicas ?? 0,
            HumanDuration.Since(rc.Metadata.CreationTimestamp, now),
            string.Join(",", rc.Spec?.Template?.Spec?.Containers?.Select(c => c.Name) ?? []),
            string.Join(",", rc.Spec?.Template?.Spec?.Containers?.Select(c => c.Image) ?? []),
            SelectorText(rc),
        ],
    };

    public static readonly ResourceHandler<V1ReplicationController> Handler = new(Definition);

    public static string SelectorText(V1ReplicationController rc) =>
        string.Join(",", (rc.Spec?.Selector ?? new Dictionary<string, string>()).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
}
