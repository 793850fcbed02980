using k8s.Models;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// What the scheduler's cache keeps of a pod that runs: identity, version, binding and phase. Everything else the
/// scheduler reads of a pod (its containers, resources, affinity, conditions) matters while it waits; once it runs,
/// only a write needs the whole pod again, and a write over a stub reads the pod from the store. At 10,000 running
/// pods the full objects were ~14 MB of a 131 MB retained heap.
/// </summary>
internal sealed class RunningPodStubs
{
    // Stubs on one agent share their spec, and all stubs their status: nothing changes a stub (a write reads the pod).
    // Bounded for a cluster whose agents come and go: past the bound, new stubs start sharing anew.
    private const int MaxSpecs = 10_000;
    private static readonly V1PodStatus s_running = new() { Phase = PodPhases.Running };
    private readonly Dictionary<(string NodeName, string? SchedulerName), V1PodSpec> _specs = [];

    /// <summary>Whether the cache may keep only a stub of <paramref name="pod"/>: it runs, on an agent, undeleted.</summary>
    public static bool Fits(V1Pod pod) =>
        pod.Status?.Phase == PodPhases.Running && pod.Metadata.DeletionTimestamp is null && !string.IsNullOrEmpty(pod.Spec?.NodeName);

    public V1Pod Of(V1Pod pod)
    {
        var binding = (pod.Spec.NodeName, pod.Spec.SchedulerName);
        if (!_specs.TryGetValue(binding, out var spec))
        {
            if (_specs.Count >= MaxSpecs)
            {
                _specs.Clear();
            }

            spec = new V1PodSpec { NodeName = binding.NodeName, SchedulerName = binding.SchedulerName };
            _specs[binding] = spec;
        }

        return new Stub
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
            Spec = spec,
            Status = s_running,
        };
    }

    /// <summary>The pod to start a write from: the cached one, unless it is a stub (then null: read it from the store).</summary>
    public static V1Pod? ForWrite(V1Pod? cached) => cached is Stub ? null : cached;

    // A type of its own, so that a stub can never be taken for the whole pod.
    private sealed record Stub : V1Pod;
}
