using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;

namespace KubeMesos.Framework.Store;

/// <summary>
/// The reference <see cref="IObjectStore"/>: everything in memory, nothing survives the process. For unit tests and
/// as the behaviour the persistent backends are held to. Objects are kept as JSON (so reads are fresh copies); the
/// watch history is a ring of the last <c>watchHistory</c> changes, older resume points answer
/// <see cref="StoreVersionGoneException"/>. One lock serializes everything: this store is about correctness.
/// </summary>
public sealed class InMemoryObjectStore : IObjectStore, IDisposable
{
    private sealed record Entry(byte[] Json, long Version);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SortedDictionary<string, Entry>> _objects = new(StringComparer.Ordinal);
    private readonly StoreChange?[] _history;
    private readonly ChangeSignals _changed = new();
    private long _version;
    private bool _disposed;

    public InMemoryObjectStore(int watchHistory = StoreOptions.DefaultWatchHistory, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(watchHistory, 1);
        _history = new StoreChange?[watchHistory];
        _time = timeProvider ?? TimeProvider.System;
    }

    public Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            return Task.FromResult(_version);
        }
    }

    public Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.For(StoreKinds.For<T>(), @namespace, name);
        lock (_lock)
        {
            ThrowIfDisposed();
            return Task.FromResult(Objects(key.Kind).TryGetValue(key.Path, out var entry) ? Read<T>(entry) : null);
        }
    }

    public Task<bool> ExistsAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.For(StoreKinds.For<T>(), @namespace, name);
        lock (_lock)
        {
            ThrowIfDisposed();
            return Task.FromResult(Objects(key.Kind).ContainsKey(key.Path));
        }
    }

    public Task<StoreList<T>> ListAsync<T>(StoreListOptions options, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(options);
        var kind = StoreKinds.For<T>();
        var token = options.Continue is null ? null : ContinueToken.Decode(options.Continue);
        var prefix = ObjectKey.ListPrefix(kind, options.Namespace);
        var limit = options.Limit is > 0 ? options.Limit.Value : int.MaxValue;
        lock (_lock)
        {
            ThrowIfDisposed();
            var version = token?.ResourceVersion ?? _version;
            var items = new List<T>();
            string? last = null;
            var more = false;
            foreach (var (path, entry) in Objects(kind))
            {
                if (!path.StartsWith(prefix, StringComparison.Ordinal) || (token is not null && string.CompareOrdinal(path, token.After) <= 0))
                {
                    continue;
                }

                var item = Read<T>(entry);
                if (options.LabelSelector?.Matches(item.Metadata) == false)
                {
                    continue;
                }

                if (items.Count == limit)
                {
                    more = true;
                    break;
                }

                items.Add(item);
                last = path;
            }

            return Task.FromResult(new StoreList<T>(items, version, more ? new ContinueToken(version, last!).Encode() : null));
        }
    }

    public Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var (created, key) = ObjectWrites.PrepareCreate(StoreKinds.For<T>(), obj, _time);
        lock (_lock)
        {
            ThrowIfDisposed();
            var objects = Objects(key.Kind);
            if (objects.ContainsKey(key.Path))
            {
                throw ObjectWrites.AlreadyExists(key);
            }

            var json = ObjectWrites.ToStoredJson(created);
            var version = Append(key, StoreWatchEventType.Added, json);
            objects[key.Path] = new Entry(json, version);
            return Task.FromResult(ObjectCodec.WithVersion(created, version));
        }
    }

    public Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.Of(StoreKinds.For<T>(), obj);
        var expected = ObjectCodec.ParseVersion(obj.Metadata.ResourceVersion);
        lock (_lock)
        {
            ThrowIfDisposed();
            var objects = Objects(key.Kind);
            if (!objects.TryGetValue(key.Path, out var stored))
            {
                throw ObjectWrites.NotFound(key);
            }

            if (expected is not null && expected != stored.Version)
            {
                throw ObjectWrites.Conflict(key);
            }

            var (updated, json) = ObjectWrites.PrepareUpdate(key.Kind, ObjectWrites.Copy(obj), stored.Json);
            var version = Append(key, StoreWatchEventType.Modified, json);
            objects[key.Path] = new Entry(json, version);
            return Task.FromResult(ObjectCodec.WithVersion(updated, version));
        }
    }

    public Task<T> DeleteAsync<T>(string? @namespace, string name, string? expectedResourceVersion = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.For(StoreKinds.For<T>(), @namespace, name);
        var expected = ObjectCodec.ParseVersion(expectedResourceVersion);
        lock (_lock)
        {
            ThrowIfDisposed();
            var objects = Objects(key.Kind);
            if (!objects.TryGetValue(key.Path, out var stored))
            {
                throw ObjectWrites.NotFound(key);
            }

            if (expected is not null && expected != stored.Version)
            {
                throw ObjectWrites.Conflict(key);
            }

            objects.Remove(key.Path);
            var version = Append(key, StoreWatchEventType.Deleted, stored.Json);
            return Task.FromResult(ObjectCodec.WithVersion(ObjectCodec.Deserialize<T>(stored.Json), version));
        }
    }

    public IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => WatchAsync<T>(@namespace, afterVersion, static _ => false, cancellationToken);

    public IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, Func<long, bool> skip, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = StoreKinds.For<T>();
        long start;
        lock (_lock)
        {
            ThrowIfDisposed();
            // "From now" is the version at this call, so a write right after it is seen.
            start = afterVersion ?? _version;
        }

        return Watch<T>(kind, @namespace, start, skip, cancellationToken);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        // Watchers wake, see the store is gone and end their enumeration.
        _changed.PulseAll();
    }

    private async IAsyncEnumerable<StoreWatchEvent<T>> Watch<T>(StoreKind kind, string? @namespace, long seen, Func<long, bool> skip, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var batch = new List<StoreChange>();
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_disposed)
                {
                    yield break;
                }

                changed = _changed.Next(kind.Resource);
                // The ring holds exactly the changes after _version - _history.Length (one change per version).
                var oldestResumable = Math.Max(0, _version - _history.Length);
                if (seen < oldestResumable)
                {
                    throw new StoreVersionGoneException(seen, oldestResumable + 1);
                }

                for (var version = seen + 1; version <= _version; version++)
                {
                    var change = _history[version % _history.Length]!;
                    if (change.Concerns(kind, @namespace))
                    {
                        batch.Add(change);
                    }
                }

                seen = Math.Max(seen, _version);
            }

            foreach (var change in batch)
            {
                if (!skip(change.Version))
                {
                    yield return change.ToEvent<T>();
                }
            }

            if (batch.Count == 0)
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            batch.Clear();
        }
    }

    private long Append(ObjectKey key, StoreWatchEventType type, byte[] json)
    {
        var version = ++_version;
        _history[version % _history.Length] = new StoreChange(version, key.Kind.Resource, key.Namespace, type, json);
        _changed.Pulse(key.Kind.Resource);
        return version;
    }

    private SortedDictionary<string, Entry> Objects(StoreKind kind)
    {
        if (!_objects.TryGetValue(kind.Resource, out var objects))
        {
            objects = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
            _objects[kind.Resource] = objects;
        }

        return objects;
    }

    private static T Read<T>(Entry entry)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        ObjectCodec.WithVersion(ObjectCodec.Deserialize<T>(entry.Json), entry.Version);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
