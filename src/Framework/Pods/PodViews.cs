using k8s.Models;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Pods;

/// <summary>Builds the dashboard's <see cref="PodView"/> of a stored pod.</summary>
public static class PodViews
{
    public const string AgentIdAnnotation = "kubemesos.io/agent-id";
    public const string TaskStateAnnotation = "kubemesos.io/task-state";

    public static PodView From(V1Pod pod, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var demand = PodResources.ForPod(pod, options);
        var annotations = pod.Metadata.Annotations;
        var message = pod.Status?.Message
            ?? pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False")?.Message;
        return new PodView(
            pod.Metadata.NamespaceProperty,
            pod.Metadata.Name,
            pod.Metadata.DeletionTimestamp is null ? pod.Status?.Phase ?? PodPhases.Pending : "Terminating",
            pod.Spec?.NodeName,
            annotations?.TryGetValue(AgentIdAnnotation, out var agentId) == true ? agentId : null,
            annotations?.TryGetValue(TaskStateAnnotation, out var taskState) == true ? taskState : null,
            demand.Cpus,
            demand.MemMb,
            pod.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels) : new Dictionary<string, string>(),
            pod.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : DateTimeOffset.MinValue,
            message);
    }
}
