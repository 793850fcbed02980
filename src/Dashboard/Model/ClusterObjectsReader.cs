using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// Reads what an impact preview needs, from the store rather than the feed: the controllers' rules look at owner
/// references, readiness and container ports, which the feed's views do not carry, and a preview should be computed
/// on the newest stored objects at the moment it is asked for.
/// </summary>
public static class ClusterObjectsReader
{
    public static async Task<ClusterObjects> ReadAsync(IObjectStore store, IEnumerable<string> namespaces, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(namespaces);
        var pods = new List<V1Pod>();
        var services = new List<V1Service>();
        var controllers = new List<V1ReplicationController>();
        foreach (var ns in namespaces.Distinct(StringComparer.Ordinal))
        {
            pods.AddRange(await ListAllAsync<V1Pod>(store, ns, cancellationToken).ConfigureAwait(false));
            services.AddRange(await ListAllAsync<V1Service>(store, ns, cancellationToken).ConfigureAwait(false));
            controllers.AddRange(await ListAllAsync<V1ReplicationController>(store, ns, cancellationToken).ConfigureAwait(false));
        }

        return new ClusterObjects(pods, services, controllers);
    }

    private static async Task<List<T>> ListAllAsync<T>(IObjectStore store, string ns, CancellationToken ct)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        var items = new List<T>();
        string? next = null;
        do
        {
            var page = await store.ListAsync<T>(new StoreListOptions(Namespace: ns, Limit: 5_000, Continue: next), ct).ConfigureAwait(false);
            items.AddRange(page.Items);
            next = page.Continue;
        }
        while (next is not null);
        return items;
    }
}
