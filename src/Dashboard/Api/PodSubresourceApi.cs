using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Validation;
using Microsoft.AspNetCore.Mvc;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// The pod subresources a scheduler and a kubelet write through, as kube-apiserver serves them
/// (pkg/registry/core/pod/storage): <c>pods/binding</c> (POST a <c>Binding</c>: sets <c>spec.nodeName</c> once, 201 with a
/// Success Status, 409 when the pod is bound already or being deleted) and <c>pods/status</c> (GET, PUT, PATCH: only
/// <c>status</c> changes, whatever else the body says). Another scheduler using this app as its API server binds
/// through the first and writes phases and conditions through the second.
/// </summary>
internal static class PodSubresourceApi
{
    private static ResourceHandler<V1Pod> Pods => PodResource.Handler;

    public static void MapPodSubresourceApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/namespaces/{namespace}/pods/{name}/binding", BindAsync);
        var status = v1.MapGroup("/namespaces/{namespace}/pods/{name}/status");
        status.MapGet("", GetStatusAsync);
        status.MapPut("", ReplaceStatusAsync);
        status.MapPatch("", PatchStatusAsync);
    }

    private static Task<IResult> BindAsync(HttpContext http, string @namespace, string name, [FromServices] ApiContext api) => Pods.Guard(name, async () =>
    {
        var body = await RequestBodies.ReadObjectAsync<V1Binding>(http.Request, api.Options.MaxRequestBodyBytes, http.RequestAborted);
        var binding = DecodeBinding(body, name);
        var node = binding.Target.Name;
        await ConflictRetry.RunAsync(
            async _ =>
            {
                var pod = await api.Store.GetAsync<V1Pod>(@namespace, name, http.RequestAborted) ?? throw ApiStatus.NotFound("pods", name);
                CheckBindable(pod, binding, name);
                pod.Spec.NodeName = node;
                foreach (var (key, value) in binding.Metadata?.Annotations ?? new Dictionary<string, string>())
                {
                    pod.Metadata.Annotations ??= new Dictionary<string, string>();
                    pod.Metadata.Annotations[key] = value;
                }

                SetScheduled(pod, api.Clock.GetUtcNow().UtcDateTime);
                // The binding's resourceVersion, when it names one, is the pod version the scheduler decided on.
                pod.Metadata.ResourceVersion = binding.Metadata?.ResourceVersion is { Length: > 0 } expected ? expected : pod.Metadata.ResourceVersion;
                return await Pods.StoreUpdateAsync(pod, api, IsDryRun(http), http.RequestAborted);
            },
            ex => ResourceHandler<V1Pod>.IsConflict(ex) && string.IsNullOrEmpty(binding.Metadata?.ResourceVersion));
        return KubeJsonResult.Created(new V1Status { ApiVersion = "v1", Kind = "Status", Metadata = new V1ListMeta(), Status = "Success", Code = 201 });
    });

    private static Task<IResult> GetStatusAsync(HttpContext http, string @namespace, string name, [FromServices] ApiContext api) => Pods.Guard(name, async () =>
        KubeJsonResult.Ok(Pods.WithKind(await api.Store.GetAsync<V1Pod>(@namespace, name, http.RequestAborted) ?? throw ApiStatus.NotFound("pods", name))));

    private static Task<IResult> ReplaceStatusAsync(HttpContext http, string @namespace, string name, [FromServices] ApiContext api) => Pods.Guard(name, async () =>
    {
        var body = await RequestBodies.ReadObjectAsync<V1Pod>(http.Request, api.Options.MaxRequestBodyBytes, http.RequestAborted);
        var desired = Pods.Decode(body);
        CheckIdentity(desired, @namespace, name);
        return KubeJsonResult.Ok(await WriteStatusAsync(@namespace, name, desired.Metadata?.ResourceVersion, _ => desired.Status, api, IsDryRun(http), http.RequestAborted));
    });

    private static Task<IResult> PatchStatusAsync(HttpContext http, string @namespace, string name, [FromServices] ApiContext api) => Pods.Guard(name, async () =>
    {
        var patchType = RequestBodies.MediaType(http.Request, RequestBodies.PatchTypes);
        var patch = await RequestBodies.ReadTextAsync(http.Request, api.Options.MaxRequestBodyBytes, http.RequestAborted);
        var applied = patchType == RequestBodies.ApplyPatch ? RequestBodies.ParseYamlObject<V1Pod>(http, patch) : null;
        return KubeJsonResult.Ok(await WriteStatusAsync(@namespace, name, null, current =>
        {
            var node = ResourceHandler<V1Pod>.ToNode(current);
            if (applied is not null)
            {
                Patching.StrategicMerge(node, applied);
            }
            else
            {
                node = Patching.Apply(node, patchType, patch);
            }

            return Pods.Decode(node).Status;
        }, api, IsDryRun(http), http.RequestAborted));
    });

    /// <summary>
    /// Replaces only the status, as the pod status strategy does: spec and metadata stay the stored ones. Without a
    /// resourceVersion the write is unconditional (pods allow it), so a write in between is retried on the newer pod.
    /// </summary>
    private static Task<V1Pod> WriteStatusAsync(string @namespace, string name, string? expectedVersion, Func<V1Pod, V1PodStatus?> status, ApiContext api, bool dryRun, CancellationToken cancellationToken) =>
        ConflictRetry.RunAsync(
            async _ =>
            {
                var pod = await api.Store.GetAsync<V1Pod>(@namespace, name, cancellationToken) ?? throw ApiStatus.NotFound("pods", name);
                pod.Status = status(Pods.WithKind(pod)) ?? new V1PodStatus();
                pod.Metadata.ResourceVersion = expectedVersion is { Length: > 0 } ? expectedVersion : pod.Metadata.ResourceVersion;
                return await Pods.StoreUpdateAsync(pod, api, dryRun, cancellationToken);
            },
            ex => ResourceHandler<V1Pod>.IsConflict(ex) && string.IsNullOrEmpty(expectedVersion));

    private static V1Binding DecodeBinding(System.Text.Json.Nodes.JsonObject body, string name)
    {
        if (body["kind"]?.ToString() is { Length: > 0 } kind && kind != "Binding")
        {
            throw ApiStatus.BadRequest($"the kind of the object ({kind}) does not match the resource (pods/binding, kind Binding)");
        }

        V1Binding binding;
        try
        {
            binding = KubernetesJson.Deserialize<V1Binding>(body.ToJsonString());
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw ApiStatus.BadRequest($"Binding in version \"v1\" cannot be handled as a Binding: {ex.Message}");
        }

        if (binding.Metadata?.Name is { Length: > 0 } bodyName && bodyName != name)
        {
            throw ApiStatus.BadRequest($"name in URL does not match name in Binding object ({bodyName} vs {name})");
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(binding.Target?.Name))
        {
            errors.Add(new FieldError("target.name", "Required value"));
        }

        if (binding.Target?.Kind is { Length: > 0 } targetKind && targetKind != "Node")
        {
            errors.Add(new FieldError("target.kind", $"Invalid value: \"{targetKind}\": must be empty or 'Node'"));
        }

        return errors.Count > 0 ? throw ApiStatus.Invalid("Binding", name, errors) : binding;
    }

    private static void CheckBindable(V1Pod pod, V1Binding binding, string name)
    {
        if (binding.Metadata?.Uid is { Length: > 0 } uid && uid != pod.Metadata.Uid)
        {
            throw new ApiException(ApiStatus.Failure(409, "Conflict",
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {pod.Metadata.Uid}", new V1StatusDetails { Name = name, Kind = "pods/binding" }));
        }

        var why = pod.Metadata.DeletionTimestamp is not null ? $"pod {name} is being deleted, cannot be assigned to a host"
            : !string.IsNullOrEmpty(pod.Spec?.NodeName) ? $"pod {name} is already assigned to node \"{pod.Spec.NodeName}\""
            : null;
        if (why is not null)
        {
            throw new ApiException(ApiStatus.Failure(409, "Conflict", $"Operation cannot be fulfilled on pods/binding \"{name}\": {why}",
                new V1StatusDetails { Name = name, Kind = "pods/binding" }));
        }
    }

    /// <summary>The PodScheduled condition the API server sets on a bind.</summary>
    private static void SetScheduled(V1Pod pod, DateTime now)
    {
        pod.Status ??= new V1PodStatus();
        pod.Status.Conditions ??= [];
        var condition = pod.Status.Conditions.FirstOrDefault(c => c.Type == "PodScheduled");
        if (condition is null)
        {
            condition = new V1PodCondition { Type = "PodScheduled" };
            pod.Status.Conditions.Add(condition);
        }

        if (condition.Status != "True")
        {
            condition.Status = "True";
            condition.Reason = null;
            condition.Message = null;
            condition.LastTransitionTime = now;
        }
    }

    private static void CheckIdentity(V1Pod pod, string @namespace, string name)
    {
        if (pod.Metadata?.Name is { Length: > 0 } bodyName && bodyName != name)
        {
            throw ApiStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        if (pod.Metadata?.NamespaceProperty is { Length: > 0 } ns && ns != @namespace)
        {
            throw ApiStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static bool IsDryRun(HttpContext http) => http.Request.Query["dryRun"].Contains("All");
}
