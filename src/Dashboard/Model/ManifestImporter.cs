using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Api;

namespace KubeMesos.Dashboard.Model;

/// <summary>One document of a manifest and what became of it: its errors, or nothing when it is (or would be) fine.</summary>
public sealed record ManifestDocument(int Index, string Kind, string Name, IReadOnlyList<string> Errors);

/// <summary>The outcome of an import: every document, and whether the objects were created (all of them) or none.</summary>
public sealed record ManifestImportResult(IReadOnlyList<ManifestDocument> Documents, bool Created, string? Error = null)
{
    public bool HasErrors => Error is not null || Documents.Any(d => d.Errors.Count > 0);
}

/// <summary>
/// Imports a multi-document YAML manifest (KubernetesClient's YAML support) through the cluster API's own create
/// path: every document is defaulted and validated first (a dry run), and only when all pass are they created, in
/// order; should a create still fail (a race with another client), the ones already created are deleted again.
/// Thread-safe; one import per call.
/// </summary>
public sealed class ManifestImporter(ApiContext api)
{
    public async Task<ManifestImportResult> ImportAsync(string yaml, CancellationToken cancellationToken = default)
    {
        List<object> objects;
        try
        {
            objects = KubernetesYaml.LoadAllFromString(yaml);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
        {
            return new ManifestImportResult([], false, "The manifest is not valid YAML: " + ex.Message);
        }

        if (objects.Count == 0)
        {
            return new ManifestImportResult([], false, "The manifest has no objects.");
        }

        var newNamespaces = objects.OfType<V1Namespace>().Select(n => n.Metadata?.Name).Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
        var checks = new List<ManifestDocument>();
        for (var i = 0; i < objects.Count; i++)
        {
            checks.Add(await CheckAsync(i, objects[i], newNamespaces, cancellationToken));
        }

        if (checks.Any(c => c.Errors.Count > 0))
        {
            return new ManifestImportResult(checks, false);
        }

        var created = new List<Func<Task>>();
        for (var i = 0; i < objects.Count; i++)
        {
            try
            {
                created.Add(await CreateAsync(objects[i], cancellationToken));
            }
            catch (ApiException ex)
            {
                foreach (var undo in Enumerable.Reverse(created))
                {
                    await undo();
                }

                checks[i] = checks[i] with { Errors = [ex.Status.Message ?? "refused"] };
                return new ManifestImportResult(checks, false);
            }
        }

        return new ManifestImportResult(checks, true);
    }

    private async Task<ManifestDocument> CheckAsync(int index, object obj, HashSet<string?> newNamespaces, CancellationToken cancellationToken)
    {
        var (kind, name) = obj is IKubernetesObject<V1ObjectMeta> k ? (k.Kind ?? obj.GetType().Name, k.Metadata?.Name ?? "") : (obj.GetType().Name, "");
        try
        {
            await DryRunAsync(obj, cancellationToken);
            return new ManifestDocument(index, kind, name, []);
        }
        catch (ApiException ex) when (ex.Status.Details?.Kind == "namespaces" && ex.Status.Code == 404 && newNamespaces.Contains(ex.Status.Details.Name))
        {
            return new ManifestDocument(index, kind, name, []); // its namespace comes earlier in the same manifest
        }
        catch (ApiException ex)
        {
            var causes = ex.Status.Details?.Causes;
            IReadOnlyList<string> errors = causes is { Count: > 0 } ? causes.Select(c => $"{c.Field}: {c.Message}").ToList() : [ex.Status.Message ?? "refused"];
            return new ManifestDocument(index, kind, name, errors);
        }
    }

    private Task DryRunAsync(object obj, CancellationToken cancellationToken) => obj switch
    {
        V1Pod pod => DryRunAsync(PodResource.Handler, pod, cancellationToken),
        V1Service service => DryRunAsync(ServiceResource.Handler, service, cancellationToken),
        V1ReplicationController rc => DryRunAsync(ReplicationControllerResource.Handler, rc, cancellationToken),
        V1Namespace ns => DryRunAsync(NamespaceResource.Handler, ns, cancellationToken),
        V1Endpoints endpoints => DryRunAsync(EndpointsResource.Handler, endpoints, cancellationToken),
        _ => throw Unsupported(obj),
    };

    private async Task DryRunAsync<T>(ResourceHandler<T> handler, T obj, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var copy = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));
        var ns = NamespaceOf(handler, copy);
        await handler.CreateObjectAsync(copy, ns, api, dryRun: true, cancellationToken);
        if (await api.Store.GetAsync<T>(ns, copy.Metadata.Name, cancellationToken) is not null)
        {
            throw ApiStatus.AlreadyExists(handler.Definition.Plural, copy.Metadata.Name);
        }
    }

    private Task<Func<Task>> CreateAsync(object obj, CancellationToken cancellationToken) => obj switch
    {
        V1Pod pod => CreateAsync(PodResource.Handler, pod, cancellationToken),
        V1Service service => CreateAsync(ServiceResource.Handler, service, cancellationToken),
        V1ReplicationController rc => CreateAsync(ReplicationControllerResource.Handler, rc, cancellationToken),
        V1Namespace ns => CreateAsync(NamespaceResource.Handler, ns, cancellationToken),
        V1Endpoints endpoints => CreateAsync(EndpointsResource.Handler, endpoints, cancellationToken),
        _ => throw Unsupported(obj),
    };

    /// <summary>Creates the object and returns how to take it back.</summary>
    private async Task<Func<Task>> CreateAsync<T>(ResourceHandler<T> handler, T obj, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var ns = NamespaceOf(handler, obj);
        var created = await handler.CreateObjectAsync(obj, ns, api, dryRun: false, cancellationToken);
        return () => handler.DeleteObjectAsync(api, ns, created.Metadata.Name, null, CancellationToken.None);
    }

    private static string? NamespaceOf<T>(ResourceHandler<T> handler, T obj)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        handler.Definition.Namespaced ? (string.IsNullOrEmpty(obj.Metadata?.NamespaceProperty) ? NamespaceResource.Default : obj.Metadata.NamespaceProperty) : null;

    private static ApiException Unsupported(object obj) =>
        ApiStatus.BadRequest($"{(obj as IKubernetesObject)?.Kind ?? obj.GetType().Name} is not a kind this cluster runs (Pod, Service, ReplicationController, Namespace, Endpoints)");

    /// <summary>An object as YAML, for "View YAML".</summary>
    public static string ToYaml(object obj) => KubernetesYaml.Serialize(obj);
}
