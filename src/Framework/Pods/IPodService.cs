using k8s.Models;

namespace KubeMesos.Framework.Pods;

/// <summary>
/// Creates and deletes pods on behalf of the dashboard and the API. A created pod is stored, queued for
/// scheduling and published to the cluster feed. Thread-safe.
/// </summary>
public interface IPodService
{
    /// <summary>Validates, stores and queues a pod. Fills uid, creation time, namespace and a Pending status.</summary>
    /// <exception cref="KubeMesos.Shared.Validation.ObjectValidationException">invalid fields; nothing stored.</exception>
    /// <exception cref="PodAlreadyExistsException">a pod of that namespace and name exists; nothing changed.</exception>
    Task<V1Pod> CreateAsync(V1Pod pod, CancellationToken cancellationToken = default);

    /// <summary>Deletes a pod (killing its task when it has one). False when there was no such pod.</summary>
    Task<bool> DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default);

    /// <summary>The pod as stored, or null.</summary>
    V1Pod? Get(string @namespace, string name);

    /// <summary>Every stored pod.</summary>
    IReadOnlyList<V1Pod> List();
}
