using k8s.Models;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// Namespaces (cluster-scoped): Active on create; <c>default</c> cannot be deleted; deleting one deletes what is in
/// it (pods by the graceful rule) and then the namespace.
/// </summary>
internal static class NamespaceResource
{
    public const string Default = "default";

    public static readonly ResourceDefinition<V1Namespace> Definition = new()
    {
        Plural = "namespaces",
        Singular = "namespace",
        Kind = "Namespace",
        Namespaced = false,
        ShortNames = ["ns"],
        Validate = NamespaceValidator.Validate,
        ExtraFields = new Dictionary<string, Func<V1Namespace, string?>> { ["status.phase"] = n => n.Status?.Phase },
        PrepareForCreate = ns => ns.Status = new V1NamespaceStatus { Phase = "Active" },
        Delete = DeleteAsync,
        Columns =
        [
            TableColumn.ObjectName(),
            TableColumn.Text("Status", "The status of the namespace"),
            TableColumn.Age(),
        ],
        Cells = (ns, now) =>
        [
            ns.Metadata.Name,
            ns.Metadata.DeletionTimestamp is null ? ns.Status?.Phase ?? "Active" : "Terminating",
            HumanDuration.Since(ns.Metadata.CreationTimestamp, now),
        ],
    };

    public static readonly ResourceHandler<V1Namespace> Handler = new(Definition);

    /// <summary>Creates the <c>default</c> namespace when the store has none (several replicas may race: AlreadyExists is fine).</summary>
    public static async Task EnsureDefaultAsync(IObjectStore store, CancellationToken cancellationToken)
    {
        if (await store.GetAsync<V1Namespace>(null, Default, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await store.CreateAsync(new V1Namespace
            {
                ApiVersion = "v1",
                Kind = "Namespace",
                Metadata = new V1ObjectMeta { Name = Default },
                Status = new V1NamespaceStatus { Phase = "Active" },
            }, cancellationToken);
        }
        catch (StoreConflictException)
        {
        }
    }

    private static async Task<V1Namespace?> DeleteAsync(V1Namespace ns, DeleteRequest request, ApiContext api, CancellationToken cancellationToken)
    {
        var name = ns.Metadata.Name;
        if (name == Default)
        {
            throw ApiStatus.Forbidden("namespaces", name, "this namespace may not be deleted");
        }

        if (request.DryRun)
        {
            return null;
        }

        await DeleteAllAsync(ReplicationControllerResource.Handler, api, name, cancellationToken);
        await DeleteAllAsync(ServiceResource.Handler, api, name, cancellationToken);
        await DeleteAllAsync(EndpointsResource.Handler, api, name, cancellationToken);
        await DeleteAllAsync(EventResource.Handler, api, name, cancellationToken);
        var pods = await api.Store.ListAsync<V1Pod>(new StoreListOptions(name), cancellationToken);
        foreach (var pod in pods.Items)
        {
            if (PodResource.Definition.Delete is { } graceful && await graceful(pod, request with { PreconditionResourceVersion = null }, api, cancellationToken) is not null)
            {
                continue;
            }

            await DeleteQuietlyAsync(PodResource.Handler, api, name, pod.Metadata.Name, cancellationToken);
        }

        return null;
    }

    private static async Task DeleteAllAsync<T>(ResourceHandler<T> handler, ApiContext api, string @namespace, CancellationToken cancellationToken)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        var items = await api.Store.ListAsync<T>(new StoreListOptions(@namespace), cancellationToken);
        foreach (var item in items.Items)
        {
            await DeleteQuietlyAsync(handler, api, @namespace, item.Metadata.Name, cancellationToken);
        }
    }

    private static async Task DeleteQuietlyAsync<T>(ResourceHandler<T> handler, ApiContext api, string @namespace, string name, CancellationToken cancellationToken)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await handler.DeleteObjectAsync(api, @namespace, name, null, cancellationToken);
        }
        catch (StoreNotFoundException)
        {
            // Gone meanwhile (a controller or another client): that is what we wanted.
        }
    }
}
