using System.Diagnostics;
using System.Diagnostics.Metrics;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Diagnostics;

namespace KubeMesos.Framework.Store;

/// <summary>
/// The configured backend (<see cref="Inner"/>) with the duration of every write recorded on
/// <c>kubemesos.store.write.duration</c> (meter <see cref="KubeMesosMeters.Store"/>), by operation, kind and outcome.
/// Reads and watches pass straight through. Disposing it disposes the backend.
/// </summary>
public sealed class MeteredObjectStore : IObjectStore, IDisposable
{
    // A local SQLite write takes well under a millisecond; an etcd write a few; a stalled backend seconds.
    private static readonly IReadOnlyList<double> s_buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Histogram<double> _writeDuration;

    public MeteredObjectStore(IObjectStore inner, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(meterFactory);
        Inner = inner;
        _writeDuration = meterFactory.Create(KubeMesosMeters.Store).CreateHistogram(
            "kubemesos.store.write.duration", "s", "Object store writes (create, update, delete), by kind and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_buckets });
    }

    /// <summary>The backend: SQLite, etcd or in-memory.</summary>
    public IObjectStore Inner { get; }

    public Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default) => Inner.CurrentVersionAsync(cancellationToken);

    public Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => Inner.GetAsync<T>(@namespace, name, cancellationToken);

    public Task<bool> ExistsAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => Inner.ExistsAsync<T>(@namespace, name, cancellationToken);

    public Task<StoreList<T>> ListAsync<T>(StoreListOptions options, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => Inner.ListAsync<T>(options, cancellationToken);

    public IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => Inner.WatchAsync<T>(@namespace, afterVersion, cancellationToken);

    public IAsyncEnumerable<StoreWatchEvent<T>> WatchMetadataAsync<T>(string? @namespace, long? afterVersion, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => Inner.WatchMetadataAsync<T>(@namespace, afterVersion, cancellationToken);

    public IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, Func<long, bool> skip, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => Inner.WatchAsync<T>(@namespace, afterVersion, skip, cancellationToken);

    public Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => TimedAsync<T>("create", () => Inner.CreateAsync(obj, cancellationToken));

    public Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => TimedAsync<T>("update", () => Inner.UpdateAsync(obj, cancellationToken));

    public Task<T> CreateHandedOverAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => TimedAsync<T>("create", () => Inner.CreateHandedOverAsync(obj, cancellationToken));

    public Task<T> UpdateHandedOverAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => TimedAsync<T>("update", () => Inner.UpdateHandedOverAsync(obj, cancellationToken));

    public Task<T> DeleteAsync<T>(string? @namespace, string name, string? expectedResourceVersion = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        TimedAsync<T>("delete", () => Inner.DeleteAsync<T>(@namespace, name, expectedResourceVersion, cancellationToken));

    public void Dispose() => (Inner as IDisposable)?.Dispose();

    private async Task<T> TimedAsync<T>(string operation, Func<Task<T>> write)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A conflict or a missing object is the store answering, not failing: told apart from errors.
            outcome = ex switch
            {
                StoreConflictException { AlreadyExists: true } => "already_exists",
                StoreConflictException => "conflict",
                StoreNotFoundException => "not_found",
                OperationCanceledException => "cancelled",
                _ => "error",
            };
            throw;
        }
        finally
        {
            _writeDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("kind", KindName<T>.Value),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>The kind's resource name (<c>pods</c>, ...), worked out once per type.</summary>
    private static class KindName<T>
    {
        public static readonly string Value = StoreKinds.All.FirstOrDefault(k => k.ClrType == typeof(T))?.Resource ?? typeof(T).Name;
    }
}
