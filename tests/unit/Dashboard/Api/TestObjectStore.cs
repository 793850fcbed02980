using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>
/// A small in-memory <see cref="IObjectStore"/> for the API tests, until the store backends' in-memory store is on
/// this branch: JSON copies, one version counter, a full change history for watches.
/// </summary>
internal sealed class TestObjectStore : IObjectStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(Type, string, string), string> _objects = [];
    private readonly List<(long Version, StoreWatchEventType Type, Type Kind, string Namespace, string Json)> _history = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public long OldestVersion { get; set; }

    public Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_version);
        }
    }

    public Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_lock)
        {
            return Task.FromResult(_objects.TryGetValue((typeof(T), @namespace ?? "", name), out var json) ? KubernetesJson.Deserialize<T>(json) : null);
        }
    }

    public Task<StoreList<T>> ListAsync<T>(StoreListOptions options, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_lock)
        {
            var all = _objects
                .Where(o => o.Key.Item1 == typeof(T) && (options.Namespace is null || o.Key.Item2 == options.Namespace))
                .OrderBy(o => o.Key.Item2, StringComparer.Ordinal).ThenBy(o => o.Key.Item3, StringComparer.Ordinal)
                .Select(o => KubernetesJson.Deserialize<T>(o.Value))
                .Where(o => options.LabelSelector?.Matches(o.Metadata.Labels?.AsReadOnly()) ?? true)
                .ToList();
            var skip = options.Continue is null ? 0 : int.Parse(options.Continue, System.Globalization.CultureInfo.InvariantCulture);
            var page = all.Skip(skip).Take(options.Limit ?? int.MaxValue).ToList();
            var next = skip + page.Count < all.Count ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new StoreList<T>(page, _version, next));
        }
    }

    public Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_lock)
        {
            var key = Key(obj);
            if (_objects.ContainsKey(key))
            {
                throw new StoreConflictException($"{obj.Metadata.Name} already exists", alreadyExists: true);
            }

            obj.Metadata.Uid = Guid.NewGuid().ToString();
            obj.Metadata.CreationTimestamp = DateTime.UtcNow;
            obj.Metadata.Generation = 1;
            return Task.FromResult(Write(key, obj, StoreWatchEventType.Added));
        }
    }

    public Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_lock)
        {
            var key = Key(obj);
            if (!_objects.TryGetValue(key, out var json))
            {
                throw new StoreNotFoundException(typeof(T).Name, obj.Metadata.NamespaceProperty, obj.Metadata.Name);
            }

            var old = KubernetesJson.Deserialize<T>(json);
            if (!string.IsNullOrEmpty(obj.Metadata.ResourceVersion) && obj.Metadata.ResourceVersion != old.Metadata.ResourceVersion)
            {
                throw new StoreConflictException("stale", alreadyExists: false);
            }

            obj.Metadata.Uid = old.Metadata.Uid;
            obj.Metadata.CreationTimestamp = old.Metadata.CreationTimestamp;
            return Task.FromResult(Write(key, obj, StoreWatchEventType.Modified));
        }
    }

    public Task<T> DeleteAsync<T>(string? @namespace, string name, string? expectedResourceVersion = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_lock)
        {
            var key = (typeof(T), @namespace ?? "", name);
            if (!_objects.TryGetValue(key, out var json))
            {
                throw new StoreNotFoundException(typeof(T).Name, @namespace, name);
            }

            var obj = KubernetesJson.Deserialize<T>(json);
            if (expectedResourceVersion is not null && expectedResourceVersion != obj.Metadata.ResourceVersion)
            {
                throw new StoreConflictException("stale", alreadyExists: false);
            }

            _objects.Remove(key);
            return Task.FromResult(Record(obj, StoreWatchEventType.Deleted, key));
        }
    }

    public async IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        long after;
        lock (_lock)
        {
            after = afterVersion ?? _version;
            if (after < OldestVersion)
            {
                throw new StoreVersionGoneException(after, OldestVersion);
            }
        }

        while (true)
        {
            Task changed;
            List<StoreWatchEvent<T>> batch;
            lock (_lock)
            {
                changed = _changed.Task;
                batch = _history
                    .Where(h => h.Version > after && h.Kind == typeof(T) && (@namespace is null || h.Namespace == @namespace))
                    .Select(h => new StoreWatchEvent<T>(h.Type, KubernetesJson.Deserialize<T>(h.Json), h.Version))
                    .ToList();
            }

            foreach (var change in batch)
            {
                after = change.ResourceVersion;
                yield return change;
            }

            if (batch.Count == 0)
            {
                await changed.WaitAsync(cancellationToken);
            }
        }
    }

    private T Write<T>(ValueTuple<Type, string, string> key, T obj, StoreWatchEventType type)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        _version++;
        obj.Metadata.ResourceVersion = _version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var json = KubernetesJson.Serialize(obj);
        _objects[key] = json;
        _history.Add((_version, type, typeof(T), key.Item2, json));
        Signal();
        return KubernetesJson.Deserialize<T>(json);
    }

    private T Record<T>(T obj, StoreWatchEventType type, (Type, string, string) key)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        _version++;
        obj.Metadata.ResourceVersion = _version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _history.Add((_version, type, typeof(T), key.Item2, KubernetesJson.Serialize(obj)));
        Signal();
        return obj;
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private static (Type, string, string) Key<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta> => (typeof(T), obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name);
}
