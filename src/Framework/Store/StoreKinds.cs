using System.Diagnostics.CodeAnalysis;
using k8s.Models;

namespace KubeMesos.Framework.Store;

/// <summary>The kinds the store keeps, by type, by resource name and by kind name. Immutable, thread-safe.</summary>
public static class StoreKinds
{
    public static readonly StoreKind Pod = new(typeof(V1Pod), "Pod", "v1", "pods", true);
    public static readonly StoreKind Service = new(typeof(V1Service), "Service", "v1", "services", true);
    public static readonly StoreKind ReplicationController = new(typeof(V1ReplicationController), "ReplicationController", "v1", "replicationcontrollers", true);
    public static readonly StoreKind Endpoints = new(typeof(V1Endpoints), "Endpoints", "v1", "endpoints", true);
    public static readonly StoreKind Event = new(typeof(Corev1Event), "Event", "v1", "events", true);
    public static readonly StoreKind Namespace = new(typeof(V1Namespace), "Namespace", "v1", "namespaces", false);

    /// <summary>The Mesos agents as nodes, kept by the node sync (so their age survives restarts and they can be watched).</summary>
    public static readonly StoreKind Node = new(typeof(V1Node), "Node", "v1", "nodes", false);

    public static IReadOnlyList<StoreKind> All { get; } = [Pod, Service, ReplicationController, Endpoints, Event, Namespace, Node];

    private static readonly Dictionary<Type, StoreKind> _byType = All.ToDictionary(k => k.ClrType);
    private static readonly Dictionary<string, StoreKind> _byResource = All.ToDictionary(k => k.Resource, StringComparer.Ordinal);
    private static readonly Dictionary<string, StoreKind> _byKind = All.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    /// <exception cref="NotSupportedException">the store does not keep objects of type <typeparamref name="T"/>.</exception>
    public static StoreKind For<T>() => For(typeof(T));

    /// <exception cref="NotSupportedException">the store does not keep objects of <paramref name="type"/>.</exception>
    public static StoreKind For(Type type) =>
        _byType.TryGetValue(type, out var kind)
            ? kind
            : throw new NotSupportedException($"The object store does not keep {type.Name} objects; known kinds: {string.Join(", ", All.Select(k => k.Kind))}.");

    /// <summary>By REST resource name (<c>pods</c>, <c>replicationcontrollers</c>, ...).</summary>
    public static bool TryGetByResource(string resource, [NotNullWhen(true)] out StoreKind? kind) => _byResource.TryGetValue(resource, out kind);

    /// <summary>By kind name (<c>Pod</c>, <c>Event</c>, ...).</summary>
    public static bool TryGetByKind(string kindName, [NotNullWhen(true)] out StoreKind? kind) => _byKind.TryGetValue(kindName, out kind);
}
