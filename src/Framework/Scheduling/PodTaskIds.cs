using k8s.Models;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// Mesos ids derived from the pod's uid, so a task found on the master after a restart leads back to its pod.
/// </summary>
public static class PodTaskIds
{
    public const string PodLabel = "kubemesos.io/pod";
    public const string ContainerLabel = "kubemesos.io/container";

    public static string Executor(V1Pod pod) => $"pod.{pod.Metadata.Uid}";

    public static string Task(V1Pod pod, string container) => $"{pod.Metadata.Uid}.{container}";

    /// <summary>The pod uid part of a task id we made, or null for a task that is not ours.</summary>
    public static string? PodUidOf(string taskId)
    {
        var dot = taskId.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? taskId[..dot] : null;
    }
}
