using k8s.Models;

namespace KubeMesos.Framework.Scheduling;

/// <summary>Per-container and per-pod resource demands from a pod spec, in Mesos units.</summary>
public static class PodResources
{
    private const double BytesPerMb = 1024 * 1024;

    /// <summary>
    /// One container: its requests, else its limits (as Kubernetes defaults requests to limits), else the defaults.
    /// </summary>
    public static ResourceDemand ForContainer(V1Container container, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(container);
        var cpus = Read(container.Resources, "cpu") ?? options.DefaultContainerCpus;
        var memBytes = Read(container.Resources, "memory");
        var disk = Read(container.Resources, "ephemeral-storage");
        return new ResourceDemand(
            ResourceDemand.Round(cpus),
            ResourceDemand.Round(memBytes is { } b ? b / BytesPerMb : options.DefaultContainerMemMb),
            ResourceDemand.Round(disk is { } d ? d / BytesPerMb : 0));
    }

    /// <summary>The sum over the pod's containers (the executor's share is not included).</summary>
    public static ResourceDemand ForPod(V1Pod pod, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var total = default(ResourceDemand);
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            total += ForContainer(container, options);
        }

        return total;
    }

    /// <summary>What one pod takes from an offer: its containers plus its own default executor.</summary>
    public static ResourceDemand WithExecutor(ResourceDemand pod, SchedulerOptions options) =>
        pod + new ResourceDemand(options.ExecutorCpus, options.ExecutorMemMb, options.ExecutorDiskMb);

    private static double? Read(V1ResourceRequirements? resources, string name)
    {
        if (resources?.Requests is { } requests && requests.TryGetValue(name, out var request))
        {
            return (double)request.ToDecimal();
        }

        if (resources?.Limits is { } limits && limits.TryGetValue(name, out var limit))
        {
            return (double)limit.ToDecimal();
        }

        return null;
    }
}
