using k8s.Models;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Framework.Pods;

/// <summary>
/// Pods for the dashboard: validated and written to the object store. The scheduler hears of them through the store's
/// watch, exactly as it hears of pods created through the API.
/// </summary>
public sealed class PodService(IObjectStore store) : IPodService
{
    public const string DefaultNamespace = "default";

    public async Task<V1Pod> CreateAsync(V1Pod pod, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pod);
        pod.Metadata ??= new V1ObjectMeta();
        pod.Metadata.NamespaceProperty = string.IsNullOrEmpty(pod.Metadata.NamespaceProperty) ? DefaultNamespace : pod.Metadata.NamespaceProperty;
        var errors = PodValidator.Validate(pod);
        if (errors.Count > 0)
        {
            throw new ObjectValidationException("Pod", pod.Metadata.Name ?? string.Empty, errors);
        }

        pod.ApiVersion = "v1";
        pod.Kind = "Pod";
        pod.Metadata.ResourceVersion = null;
        pod.Spec.NodeName = null;
        pod.Status = new V1PodStatus { Phase = PodPhases.Pending };
        try
        {
            return await store.CreateAsync(pod, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException ex) when (ex.AlreadyExists)
        {
            throw new PodAlreadyExistsException(pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        }
    }

    public async Task<bool> DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        await PodDeletion.DeleteAsync(store, @namespace, name, gracePeriodSeconds: null, cancellationToken).ConfigureAwait(false) is not null;

    public Task<V1Pod?> GetAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        store.GetAsync<V1Pod>(@namespace, name, cancellationToken);

    public async Task<IReadOnlyList<V1Pod>> ListAsync(CancellationToken cancellationToken = default)
    {
        var pods = new List<V1Pod>();
        string? next = null;
        do
        {
            var page = await store.ListAsync<V1Pod>(new StoreListOptions(Limit: 1000, Continue: next), cancellationToken).ConfigureAwait(false);
            pods.AddRange(page.Items);
            next = page.Continue;
        }
        while (next is not null);

        return pods;
    }
}
