using k8s.Models;

namespace KubeMesos.Framework.Store;

/// <summary>
/// Where pods live. Thread-safe. Stored pods are shared objects: writers replace <c>Status</c>/<c>Spec</c> objects
/// wholesale rather than mutating them, so a reader never sees half an update.
/// </summary>
public interface IPodStore
{
    V1Pod? Get(string key);

    IReadOnlyList<V1Pod> List();

    /// <summary>False when a pod with that key exists (nothing changed).</summary>
    bool TryAdd(V1Pod pod);

    void Update(V1Pod pod);

    bool Remove(string key);
}
