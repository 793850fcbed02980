using k8s.Models;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Pods;

/// <summary>
/// Kubernetes' graceful deletion of pods: a pod that may still run on an agent is only marked (deletionTimestamp);
/// the scheduler kills its tasks and removes the object once they ended or the grace period ran out. A pod that
/// never ran, or has finished, is removed at once.
/// </summary>
public static class PodDeletion
{
    public const long DefaultGracePeriodSeconds = 30;

    /// <returns>The pod as it stands after the request (marked, or as it was when removed); null when there was none.</returns>
    public static async Task<V1Pod?> DeleteAsync(IObjectStore store, string @namespace, string name, long? gracePeriodSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            // Changed under us (the scheduler wrote its status): look again.
            return await ConflictRetry.RunAsync(async _ =>
            {
                var pod = await store.GetAsync<V1Pod>(@namespace, name, cancellationToken).ConfigureAwait(false);
                if (pod is null)
                {
                    return null;
                }

                if (!MayBeRunning(pod) || gracePeriodSeconds == 0)
                {
                    return await store.DeleteAsync<V1Pod>(@namespace, name, pod.Metadata.ResourceVersion, cancellationToken).ConfigureAwait(false);
                }

                if (pod.Metadata.DeletionTimestamp is not null)
                {
                    return pod;
                }

                pod.Metadata.DeletionTimestamp = DateTime.UtcNow;
                pod.Metadata.DeletionGracePeriodSeconds = gracePeriodSeconds ?? DefaultGracePeriodSeconds;
                return await store.UpdateAsync(pod, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (StoreNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Bound to an agent and not finished: there may be a task to kill.</summary>
    public static bool MayBeRunning(V1Pod pod) =>
        !string.IsNullOrEmpty(pod?.Spec?.NodeName) && pod.Status?.Phase is not (PodPhases.Succeeded or PodPhases.Failed);
}
