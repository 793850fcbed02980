using k8s;
using k8s.Models;
using KubeMesos.Shared.Labels;

namespace KubeMesos.Framework.Store;

/// <summary>
/// The cluster's durable, versioned, watchable object store (pods, services, replication controllers, endpoints,
/// events, namespaces). Every write bumps one store-wide, monotonically increasing resource version, which becomes the
/// written object's <c>metadata.resourceVersion</c>; watches replay changes after a given version in order.
/// Backends: SQLite in the data folder (default) and etcd v3. Thread-safe. Objects passed in are not kept: the store
/// serializes them, and every read returns a fresh copy the caller may mutate.
/// </summary>
public interface IObjectStore
{
    /// <summary>The newest resource version written (a list's <c>metadata.resourceVersion</c>).</summary>
    Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>The object, or null. <paramref name="namespace"/> is null for cluster-scoped kinds (namespaces).</summary>
    Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Whether the object exists now: <see cref="GetAsync{T}"/> for a caller that needs no more (the API checks the
    /// namespace of every create), so a backend may answer without reading or decoding the object.
    /// </summary>
    async Task<bool> ExistsAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        await GetAsync<T>(@namespace, name, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// Objects of a kind, optionally in one namespace and matching a label selector, ordered ordinally by
    /// <c>namespace/name</c>, paged. A page holds up to <c>Limit</c> matching objects; <c>Continue</c> resumes after the
    /// last one returned, so an object present throughout appears exactly once. Every page reports the first page's
    /// version, from which a watch misses nothing (etcd serves all pages from that one revision; the others read the
    /// current state after the cursor).
    /// </summary>
    /// <exception cref="ArgumentException">a continue token this store did not issue (HTTP 400).</exception>
    /// <exception cref="StoreVersionGoneException">etcd only: the continue token's revision was compacted (HTTP 410).</exception>
    Task<StoreList<T>> ListAsync<T>(StoreListOptions options, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Stores a new object: fills <c>uid</c>, <c>creationTimestamp</c> and <c>resourceVersion</c> (and <c>generation</c> = 1),
    /// <c>kind</c>/<c>apiVersion</c>, and the name from <c>generateName</c> plus five random characters when no name is given.
    /// </summary>
    /// <exception cref="ArgumentException">no name, or a namespace missing on a namespaced kind (present on a cluster-scoped one).</exception>
    /// <exception cref="StoreConflictException">an object of that kind, namespace and name exists (AlreadyExists).</exception>
    Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Replaces an object. When <c>metadata.resourceVersion</c> is set it must equal the stored one (optimistic
    /// concurrency); when empty the write is unconditional. <c>uid</c> and <c>creationTimestamp</c> are kept from the stored object;
    /// <c>generation</c> goes up by one when anything but metadata and status changed.
    /// </summary>
    /// <exception cref="ArgumentException"><c>metadata.resourceVersion</c> is not a version this store issued.</exception>
    /// <exception cref="StoreNotFoundException">no such object.</exception>
    /// <exception cref="StoreConflictException">the resource version is stale (Conflict).</exception>
    Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// <see cref="CreateAsync{T}"/> for a caller that hands <paramref name="obj"/> over (a request body decoded for
    /// this create alone): the store may change and keep it rather than copy it first. The caller must not touch it
    /// afterwards, and uses the returned object instead.
    /// </summary>
    Task<T> CreateHandedOverAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => CreateAsync(obj, cancellationToken);

    /// <summary><see cref="UpdateAsync{T}"/> for a caller that hands <paramref name="obj"/> over, as <see cref="CreateHandedOverAsync{T}"/>.</summary>
    Task<T> UpdateHandedOverAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => UpdateAsync(obj, cancellationToken);

    /// <summary>Removes an object and returns it as it was last stored (with the deletion's resource version).</summary>
    /// <exception cref="StoreNotFoundException">no such object.</exception>
    /// <exception cref="StoreConflictException"><paramref name="expectedResourceVersion"/> given and stale.</exception>
    Task<T> DeleteAsync<T>(string? @namespace, string name, string? expectedResourceVersion = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Every change to objects of a kind (optionally one namespace) after <paramref name="afterVersion"/>, in order,
    /// none missed, until cancelled. <c>afterVersion</c> null means "from now" (SQLite and in-memory: the version when
    /// this method is called; etcd: when enumeration starts); to miss nothing, pass a list's version instead. The
    /// enumeration is the caller's; it must be disposed (cancel the token) to stop the watch. Cancelling throws
    /// <see cref="OperationCanceledException"/>; disposing the store ends the enumeration.
    /// </summary>
    /// <exception cref="StoreVersionGoneException">the resume point was compacted away: relist, then watch from the list's version.</exception>
    IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// <see cref="WatchAsync{T}"/> for a watcher that reads only kind and metadata (Kubernetes' metadata-only watches):
    /// a backend may then skip the rest of each object, and its objects carry at least apiVersion, kind and metadata.
    /// </summary>
    IAsyncEnumerable<StoreWatchEvent<T>> WatchMetadataAsync<T>(string? @namespace, long? afterVersion, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => WatchAsync<T>(@namespace, afterVersion, cancellationToken);

    /// <summary>
    /// <see cref="WatchAsync{T}"/> for a watcher that already knows some changes (its own writes: the scheduler's pods,
    /// the event recorder's events): a change whose version <paramref name="skip"/> picks is left out, before it is
    /// decoded where the backend can (SQLite, in-memory) and after it otherwise. <paramref name="skip"/> is asked of
    /// every change, in order (an <see cref="OwnWrites"/> forgets what the watch went past).
    /// </summary>
    IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, Func<long, bool> skip, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => StoreWatches.Skipping(WatchAsync<T>(@namespace, afterVersion, cancellationToken), skip, cancellationToken);
}

public sealed record StoreListOptions(
    string? Namespace = null,
    LabelSelector? LabelSelector = null,
    int? Limit = null,
    string? Continue = null);

/// <summary>One page of a list; <see cref="Continue"/> is null on the last page.</summary>
public sealed record StoreList<T>(IReadOnlyList<T> Items, long ResourceVersion, string? Continue);

public enum StoreWatchEventType { Added, Modified, Deleted }

public sealed record StoreWatchEvent<T>(StoreWatchEventType Type, T Object, long ResourceVersion);

public sealed class StoreNotFoundException(string kind, string? @namespace, string name)
    : Exception(@namespace is null ? $"{kind} \"{name}\" not found" : $"{kind} \"{name}\" not found in namespace \"{@namespace}\"");

/// <summary>AlreadyExists (create) or Conflict (stale resource version).</summary>
public sealed class StoreConflictException(string message, bool alreadyExists) : Exception(message)
{
    public bool AlreadyExists { get; } = alreadyExists;
}

/// <summary>HTTP 410 Gone: the requested resource version is older than the store keeps history for.</summary>
public sealed class StoreVersionGoneException : Exception
{
    public StoreVersionGoneException(long requested, long oldest)
        : base($"too old resource version: {requested} ({oldest})")
    {
    }

    /// <summary>A 410 worded by another store (a remote API server's own message).</summary>
    public StoreVersionGoneException(string message)
        : base(message)
    {
    }
}
