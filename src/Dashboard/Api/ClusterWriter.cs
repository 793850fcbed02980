using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// The dashboard's one write path into the cluster, for every UI write (forms, labels, scale, delete, the sample
/// workload). It goes through the same <c>ResourceHandler</c> code as <c>/api/v1</c> — the same defaulting,
/// validation, graceful pod deletion and propagation policy — never around it, and retries a read–modify–write on
/// conflict with <see cref="ConflictRetry"/> on the newest object. Every refusal is a
/// <see cref="ClusterWriteException"/> with the Status the API would have answered. Singleton, thread-safe.
/// </summary>
/// <remarks><c>T</c> is <see cref="V1Pod"/>, <see cref="V1Service"/> or <see cref="V1ReplicationController"/>.</remarks>
public sealed class ClusterWriter(ApiContext api)
{
    /// <summary>Defaults, validates and creates <paramref name="obj"/> (in its namespace, <c>default</c> when it names none).</summary>
    public Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        var handler = HandlerFor<T>();
        return GuardAsync(handler, obj.Metadata?.Name, () =>
        {
            // Through the API's decoding too, so an object built in code is checked as a posted one would be.
            var decoded = handler.Decode(ResourceHandler<T>.ToNode(obj));
            return handler.CreateObjectAsync(decoded, decoded.Metadata?.NamespaceProperty is { Length: > 0 } ns ? ns : "default", api, false, cancellationToken);
        });
    }

    /// <summary>
    /// Reads the newest object, lets <paramref name="mutate"/> change it (a copy it may change in place; return it, or
    /// null for "no change") and writes it as the API's update does (status and server-owned metadata kept). A write
    /// by someone else in between is retried on the newer object, so the change is applied to it, never lost.
    /// </summary>
    /// <returns>The object as written (or as read, when nothing changed).</returns>
    public Task<T> UpdateAsync<T>(string @namespace, string name, Func<T, T?> mutate, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(mutate);
        var handler = HandlerFor<T>();
        return GuardAsync(handler, name, () => ConflictRetry.RunAsync(
            async _ =>
            {
                var old = await api.Store.GetAsync<T>(@namespace, name, cancellationToken) ?? throw ApiStatus.NotFound(handler.Definition.Plural, name);
                var working = handler.Decode(ResourceHandler<T>.ToNode(handler.WithKind(old)));
                if (mutate(working) is not { } changed)
                {
                    return handler.WithKind(old);
                }

                changed.Metadata ??= new V1ObjectMeta();
                changed.Metadata.ResourceVersion = old.Metadata.ResourceVersion; // the version read, so a newer one conflicts
                var updated = handler.PrepareUpdate(old, handler.Decode(ResourceHandler<T>.ToNode(changed)), @namespace, name);
                return await handler.StoreUpdateAsync(updated, api, false, cancellationToken);
            },
            ResourceHandler<T>.IsConflict));
    }

    /// <summary>
    /// Deletes as <c>kubectl delete</c> does: a pod that may run is deleted gracefully (its task is killed first); a
    /// replication controller takes its pods along when <paramref name="cascade"/> (propagation Background) or leaves
    /// them (Orphan).
    /// </summary>
    /// <returns>True when deleted or its deletion began; false when there was no such object.</returns>
    public async Task<bool> DeleteAsync<T>(string @namespace, string name, bool cascade = true, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var handler = HandlerFor<T>();
        var policy = handler.Definition.HasDependents ? cascade ? "Background" : DeletionHints.Orphan : null;
        try
        {
            await GuardAsync(handler, name, () => handler.DeleteAsync(@namespace, name, new DeleteRequest(null, policy, null, null, false), api, cancellationToken));
            return true;
        }
        catch (ClusterWriteException ex) when (ex.Status.Code == 404)
        {
            return false;
        }
    }

    /// <summary>Sets a replication controller's desired replicas, as <c>kubectl scale</c> does (retried on conflict).</summary>
    public Task<V1ReplicationController> ScaleAsync(string @namespace, string name, int replicas, CancellationToken cancellationToken = default) =>
        UpdateAsync<V1ReplicationController>(@namespace, name, rc =>
        {
            if (rc.Spec.Replicas == replicas)
            {
                return null;
            }

            rc.Spec.Replicas = replicas; // a negative count is refused by the validator with its field cause
            return rc;
        }, cancellationToken);

    private static async Task<T> GuardAsync<T>(ResourceHandler<T> handler, string? name, Func<Task<T>> write)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            return await write();
        }
        catch (Exception ex) when (handler.StatusOf(ex, name) is { } status)
        {
            throw new ClusterWriteException(status);
        }
    }

    private static ResourceHandler<T> HandlerFor<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        (ResourceHandler<T>)(object)(typeof(T) switch
        {
            var t when t == typeof(V1Pod) => PodResource.Handler,
            var t when t == typeof(V1Service) => ServiceResource.Handler,
            var t when t == typeof(V1ReplicationController) => ReplicationControllerResource.Handler,
            _ => throw new NotSupportedException($"The dashboard writes pods, services and replication controllers, not {typeof(T).Name}."),
        });
}
