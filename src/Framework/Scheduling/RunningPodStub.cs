using k8s.Models;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// What the scheduler's cache keeps of a pod that runs: identity, version, binding and phase. Everything else the
/// scheduler reads of a pod (its containers, resources, affinity, conditions) matters while it waits; once it runs,
/// only a write needs the whole pod again, and a write over a stub reads the pod from the store. At 10,000 running
/// pods the full objects were ~14 MB of a 131 MB retained heap.
/// </summary>
internal static class RunningPodStub
{
    /// <summary>Whether the cache may keep only a stub of <paramref name="pod"/>: it runs, on an agent, undeleted.</summary>
    public static bool Fits(V1Pod pod) =>
        pod.Status?.Phase == PodPhases.Running && pod.Metadata.DeletionTimestamp is null && !string.IsNullOrEmpty(pod.Spec?.NodeName);

    public static V1Pod Of(V1Pod pod) => new Stub
    {
        ApiVersion = pod.ApiVersion,
        Kind = pod.Kind,
        Metadata = new V1ObjectMeta
        {
            Name = pod.Metadata.Name,
            NamespaceProperty = pod.Metadata.NamespaceProperty,
            Uid = pod.Metadata.Uid,
            ResourceVersion = pod.Metadata.ResourceVersion,
        },
        Spec = new V1PodSpec { NodeName = pod.Spec.NodeName, SchedulerName = pod.Spec.SchedulerName },
        Status = new V1PodStatus { Phase = pod.Status.Phase },
    };

    /// <summary>The pod to start a write from: the cached one, unless it is a stub (then null: read it from the store).</summary>
    public static V1Pod? ForWrite(V1Pod? cached) => cached is Stub ? null : cached;

    // A type of its own, so that a stub can never be taken for the whole pod.
    private sealed record Stub : V1Pod;
}
