using System.Globalization;
using k8s.Models;
using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Pods;

/// <summary>Builds the dashboard's <see cref="PodView"/> of a stored pod.</summary>
public static class PodViews
{
    public const string AgentIdAnnotation = "kubemesos.io/agent-id";
    public const string TaskStateAnnotation = "kubemesos.io/task-state";

    /// <param name="creationIndex">See <see cref="PodView.CreationIndex"/>; the caller knows when it first saw the pod.</param>
    public static PodView From(V1Pod pod, SchedulerOptions options, long creationIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var demand = PodResources.ForPod(pod, options);
        var annotations = pod.Metadata.Annotations;
        var message = pod.Status?.Message
            ?? pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False")?.Message;
        var placed = !string.IsNullOrEmpty(pod.Spec?.NodeName);
        return new PodView(
            pod.Metadata.NamespaceProperty,
            pod.Metadata.Name,
            pod.Metadata.DeletionTimestamp is null ? pod.Status?.Phase ?? PodPhases.Pending : "Terminating",
            pod.Spec?.NodeName,
            annotations?.TryGetValue(AgentIdAnnotation, out var agentId) == true ? agentId : null,
            annotations?.TryGetValue(TaskStateAnnotation, out var taskState) == true ? taskState : null,
            demand.Cpus,
            demand.MemMb,
            LabelSetPool.Views.Of(pod.Metadata.Labels),
            pod.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : DateTimeOffset.MinValue,
            message)
        {
            Uid = pod.Metadata.Uid ?? "",
            CreationIndex = creationIndex,
            TaskIds = placed && pod.Metadata.Uid is not null && pod.Spec?.Containers is { Count: > 0 } containers
                ? containers.Select(c => PodTaskIds.Task(pod, c.Name)).ToArray()
                : [],
            HostPorts = HostPortsOf(pod),
            IsReady = PodStates.IsReady(pod),
        };
    }

    /// <summary>The host ports chosen at placement (annotations <c>k8s.mesosphere.io/port_&lt;PROTO&gt;_&lt;port&gt;</c>), by container port.</summary>
    public static IReadOnlyList<HostPortView> HostPortsOf(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Metadata.Annotations is not { Count: > 0 } annotations)
        {
            return [];
        }

        List<HostPortView>? ports = null;
        foreach (var (key, value) in annotations)
        {
            if (!key.StartsWith(EndpointsBuilder.HostPortAnnotationPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = key.AsSpan(EndpointsBuilder.HostPortAnnotationPrefix.Length);
            var underscore = rest.IndexOf('_');
            if (underscore <= 0
                || !int.TryParse(rest[(underscore + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var containerPort)
                || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort))
            {
                continue;
            }

            (ports ??= []).Add(new HostPortView(rest[..underscore].ToString(), containerPort, hostPort));
        }

        return ports is null ? [] : [.. ports.OrderBy(p => p.ContainerPort).ThenBy(p => p.Protocol, StringComparer.Ordinal)];
    }
}
