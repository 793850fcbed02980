using k8s;
using k8s.Models;

namespace KubeMesos.Framework.Store;

/// <summary>
/// Where an object lives: kind, namespace (null for cluster-scoped kinds) and name. <see cref="Path"/>
/// (<c>namespace/name</c>, or <c>name</c>) is what lists are ordered by, ordinally, in every backend.
/// </summary>
internal readonly record struct ObjectKey(StoreKind Kind, string? Namespace, string Name)
{
    public string Path => Namespace is null ? Name : $"{Namespace}/{Name}";

    /// <summary>The key for a get/delete, checking that the namespace fits the kind.</summary>
    public static ObjectKey For(StoreKind kind, string? @namespace, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (kind.Namespaced && string.IsNullOrEmpty(@namespace))
        {
            throw new ArgumentException($"{kind.Resource} are namespaced: a namespace is required", nameof(@namespace));
        }

        if (!kind.Namespaced && !string.IsNullOrEmpty(@namespace))
        {
            throw new ArgumentException($"{kind.Resource} are cluster-scoped: no namespace is allowed (got \"{@namespace}\")", nameof(@namespace));
        }

        // '/' would make keys ambiguous (and escape an etcd prefix).
        if (name.Contains('/') || (@namespace?.Contains('/') ?? false))
        {
            throw new ArgumentException($"names and namespaces may not contain '/': \"{@namespace}/{name}\"");
        }

        return new ObjectKey(kind, kind.Namespaced ? @namespace : null, name);
    }

    public static ObjectKey Of<T>(StoreKind kind, T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.Metadata is null)
        {
            throw new ArgumentException($"{kind.Kind}: metadata is required", nameof(obj));
        }

        if (string.IsNullOrEmpty(obj.Metadata.Name))
        {
            throw new ArgumentException($"{kind.Kind}: metadata.name is required", nameof(obj));
        }

        return For(kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name);
    }

    /// <summary>The namespace prefix of <see cref="Path"/> for a list in one namespace, or "" for all.</summary>
    public static string ListPrefix(StoreKind kind, string? @namespace) =>
        kind.Namespaced && !string.IsNullOrEmpty(@namespace) ? @namespace + "/" : string.Empty;
}
