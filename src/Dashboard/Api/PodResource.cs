using k8s.Models;
using KubeMesos.Shared.Contracts;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// Pods: Pending on create; graceful deletion of a pod bound to a node that has not finished (deletionTimestamp
/// set, the scheduler kills the task and removes the object when the task is gone); the columns of
/// <c>kubectl get pods</c>.
/// </summary>
internal static class PodResource
{
    public static readonly ResourceDefinition<V1Pod> Definition = new()
    {
        Plural = "pods",
        Singular = "pod",
        Kind = "Pod",
        Namespaced = true,
        ShortNames = ["po"],
        Validate = PodValidator.Validate,
        ValidateJson = pod => QuantityFields.InPodSpec(pod["spec"], "spec"),
        ReturnDeletedObject = true,
        ExtraFields = new Dictionary<string, Func<V1Pod, string?>>
        {
            ["spec.nodeName"] = p => p.Spec?.NodeName,
            ["status.phase"] = p => p.Status?.Phase,
            ["spec.restartPolicy"] = p => p.Spec?.RestartPolicy,
            ["spec.schedulerName"] = p => p.Spec?.SchedulerName,
            ["status.podIP"] = p => p.Status?.PodIP,
        },
        Default = (pod, api) => ApiDefaults.Pod(pod, api.SchedulerName),
        PrepareForCreate = pod =>
        {
            pod.Status ??= new V1PodStatus();
            pod.Status.Phase ??= PodPhases.Pending;
        },
        Delete = DeleteAsync,
        Columns =
        [
            TableColumn.ObjectName(),
            TableColumn.Text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            TableColumn.Text("Status", "The aggregate status of the containers in this pod."),
            TableColumn.Number("Restarts", "The number of times the containers in this pod have been restarted."),
            TableColumn.Age(),
            TableColumn.Text("IP", "IP address allocated to the pod.", 1),
            TableColumn.Text("Node", "Name of the node where the pod is scheduled.", 1),
            TableColumn.Text("Nominated Node", "Name of the node the scheduler nominated for the pod.", 1),
            TableColumn.Text("Readiness Gates", "Pod readiness gates.", 1),
        ],
        Cells = (pod, now) =>
        [
            pod.Metadata.Name,
            $"{pod.Status?.ContainerStatuses?.Count(c => c.Ready) ?? 0}/{pod.Spec?.Containers?.Count ?? 0}",
            StatusOf(pod),
            pod.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0,
            HumanDuration.Since(pod.Metadata.CreationTimestamp, now),
            pod.Status?.PodIP ?? "<none>",
            string.IsNullOrEmpty(pod.Spec?.NodeName) ? "<none>" : pod.Spec.NodeName,
            pod.Status?.NominatedNodeName ?? "<none>",
            pod.Spec?.ReadinessGates is { Count: > 0 } gates ? $"0/{gates.Count}" : "<none>",
        ],
    };

    /// <summary>What <c>kubectl get pods</c> shows in STATUS: Terminating, a reason, a waiting container's reason, or the phase.</summary>
    public static string StatusOf(V1Pod pod)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            return "Terminating";
        }

        if (!string.IsNullOrEmpty(pod.Status?.Reason))
        {
            return pod.Status.Reason;
        }

        var waiting = pod.Status?.ContainerStatuses?.Select(c => c.State?.Waiting?.Reason ?? c.State?.Terminated?.Reason).FirstOrDefault(r => !string.IsNullOrEmpty(r));
        return waiting ?? pod.Status?.Phase ?? PodPhases.Pending;
    }

    /// <summary>Whether deleting the pod needs its task killed first: bound to a node and not finished.</summary>
    public static bool NeedsGracefulDeletion(V1Pod pod) =>
        !string.IsNullOrEmpty(pod.Spec?.NodeName) && pod.Status?.Phase is not (PodPhases.Succeeded or PodPhases.Failed);

    private static async Task<V1Pod?> DeleteAsync(V1Pod pod, DeleteRequest request, ApiContext api, CancellationToken cancellationToken)
    {
        if (request.GracePeriodSeconds == 0 || !NeedsGracefulDeletion(pod))
        {
            return null;
        }

        if (pod.Metadata.DeletionTimestamp is not null || request.DryRun)
        {
            return Handler.WithKind(pod);
        }

        var grace = request.GracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? api.Options.DefaultGracePeriodSeconds;
        pod.Metadata.DeletionGracePeriodSeconds = grace;
        pod.Metadata.DeletionTimestamp = api.Clock.GetUtcNow().AddSeconds(grace).UtcDateTime;
        if (request.PreconditionResourceVersion is { } expected)
        {
            pod.Metadata.ResourceVersion = expected;
        }

        return await Handler.StoreUpdateAsync(pod, api, false, cancellationToken);
    }

    public static readonly ResourceHandler<V1Pod> Handler = new(Definition);
}
