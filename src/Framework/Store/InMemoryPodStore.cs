using System.Collections.Concurrent;
using k8s.Models;

namespace KubeMesos.Framework.Store;

/// <summary>The walking skeleton's store: pods in memory, gone on restart.</summary>
public sealed class InMemoryPodStore : IPodStore
{
    private readonly ConcurrentDictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);

    public static string KeyOf(V1Pod pod) => $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";

    public V1Pod? Get(string key) => _pods.TryGetValue(key, out var pod) ? pod : null;

    public IReadOnlyList<V1Pod> List() => [.. _pods.Values];

    public bool TryAdd(V1Pod pod) => _pods.TryAdd(KeyOf(pod), pod);

    public void Update(V1Pod pod) => _pods[KeyOf(pod)] = pod;

    public bool Remove(string key) => _pods.TryRemove(key, out _);
}
