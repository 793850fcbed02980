using k8s.Models;

namespace KubeMesos.Framework.Pods;

/// <summary>
/// Creates and deletes pods on behalf of the dashboard. Pods go to the object store; the scheduler watches it.
/// Thread-safe.
/// </summary>
public interface IPodService
{
    /// <summary>Validates, stores and queues a pod. Fills uid, creation time, namespace and a Pending status.</summary>
    /// <exception cref="KubeMesos.Shared.Validation.ObjectValidationException">invalid fields; nothing stored.</exception>
    /// <exception cref="PodAlreadyExistsException">a pod of that namespace and name exists; nothing changed.</exception>
    Task<V1Pod> CreateAsync(V1Pod pod, CancellationToken cancellationToken = default);

    /// <summary>Deletes a pod gracefully (it stays Terminating until its tasks are killed). False when there was no such pod.</summary>
    Task<bool> DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default);

    /// <summary>The pod as stored, or null.</summary>
    Task<V1Pod?> GetAsync(string @namespace, string name, CancellationToken cancellationToken = default);

    /// <summary>Every stored pod.</summary>
    Task<IReadOnlyList<V1Pod>> ListAsync(CancellationToken cancellationToken = default);
}
