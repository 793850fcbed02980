using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Api;

/// <summary>Replication controllers: selector defaulted from the template's labels, status starts at zero; <c>kubectl get rc</c> columns.</summary>
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
        PrepareForCreate = rc =>
        {
            rc.Spec ??= new V1ReplicationControllerSpec();
            rc.Spec.Replicas ??= 1;
            if (rc.Spec.Selector is not { Count: > 0 } && rc.Spec.Template?.Metadata?.Labels is { Count: > 0 } labels)
            {
                rc.Spec.Selector = new Dictionary<string, string>(labels);
            }

            if (rc.Metadata.Labels is not { Count: > 0 } && rc.Spec.Template?.Metadata?.Labels is { Count: > 0 } templateLabels)
            {
                rc.Metadata.Labels = new Dictionary<string, string>(templateLabels);
            }

            rc.Status = new V1ReplicationControllerStatus { Replicas = 0 };
        },
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
