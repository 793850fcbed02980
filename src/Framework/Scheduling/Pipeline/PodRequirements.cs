using k8s.Models;

namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>
/// Everything placement needs to know about a pod, computed once per pod rather than per agent, in shapes the
/// per-agent filters read by index (lists, not dictionaries: enumerating a dictionary through its interface
/// allocates, and the filters run for every agent of every decision).
/// </summary>
/// <param name="NodeSelector"><c>spec.nodeSelector</c>'s pairs; the keys are distinct, as they come from a map.</param>
public sealed record PodRequirements(
    string Key,
    ResourceDemand Containers,
    ResourceDemand WithExecutor,
    IReadOnlyList<HostPortRequest> HostPorts,
    IReadOnlyList<KeyValuePair<string, string>> NodeSelector,
    PlacementStrategy Strategy,
    string? OwnerUid)
{
    /// <summary>Per-pod strategy override, e.g. <c>kubemesos.io/placement-strategy: BinPack</c>.</summary>
    public const string StrategyAnnotation = "kubemesos.io/placement-strategy";

    /// <summary>The Mesos role the pod must run under (<see cref="PodRoles.Annotation"/>); null: any of the framework's.</summary>
    public string? Role { get; init; }

    /// <param name="key">
    /// The pod's <c>namespace/name</c> when the caller holds it already: the scheduler's maps then share one string per
    /// pod instead of each keeping a copy (tens of thousands of pods).
    /// </param>
    public static PodRequirements From(V1Pod pod, SchedulerOptions options, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var containers = PodResources.ForPod(pod, options);
        var ports = new List<HostPortRequest>();
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            foreach (var port in container.Ports ?? [])
            {
                ports.Add(new HostPortRequest(container.Name, port.ContainerPort, port.HostPort ?? 0, port.Protocol ?? "TCP"));
            }
        }

        var strategy = options.Strategy;
        if (pod.Metadata?.Annotations?.TryGetValue(StrategyAnnotation, out var name) == true
            && Enum.TryParse<PlacementStrategy>(name, ignoreCase: true, out var chosen))
        {
            strategy = chosen;
        }

        return new PodRequirements(
            key ?? $"{pod.Metadata?.NamespaceProperty}/{pod.Metadata?.Name}",
            containers,
            PodResources.WithExecutor(containers, options),
            ports,
            pod.Spec?.NodeSelector is { Count: > 0 } selector ? [.. selector] : [],
            strategy,
            pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Uid)
        {
            Role = PodRoles.Requested(pod),
        };
    }
}
