using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Dashboard;

/// <summary>A store whose every update loses to "a concurrent write" (a controller writing status all the time).</summary>
public sealed class ConflictingStore(IObjectStore inner) : IObjectStore
{
    public int Updates { get; private set; }

    public Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default) => inner.CurrentVersionAsync(cancellationToken);

    public Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.GetAsync<T>(@namespace, name, cancellationToken);

    public Task<StoreList<T>> ListAsync<T>(StoreListOptions options, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.ListAsync<T>(options, cancellationToken);

    public Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.CreateAsync(obj, cancellationToken);

    public Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        Updates++;
        throw new StoreConflictException("the object has been modified", alreadyExists: false);
    }

    public Task<T> DeleteAsync<T>(string? @namespace, string name, string? expectedResourceVersion = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.DeleteAsync<T>(@namespace, name, expectedResourceVersion, cancellationToken);

    public IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.WatchAsync<T>(@namespace, afterVersion, cancellationToken);
}
