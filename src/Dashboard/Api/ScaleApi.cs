using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Validation;
using Microsoft.AspNetCore.Mvc;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// The <c>scale</c> subresource of replication controllers (autoscaling/v1 Scale): what <c>kubectl scale</c> and
/// the client libraries' ReplaceNamespacedReplicationControllerScale / Patch... talk to.
/// </summary>
internal static class ScaleApi
{
    private static ResourceHandler<V1ReplicationController> Rcs => ReplicationControllerResource.Handler;

    public static void MapScaleApi(this RouteGroupBuilder api)
    {
        var scale = api.MapGroup("/namespaces/{namespace}/replicationcontrollers/{name}/scale");
        scale.MapGet("", Get);
        scale.MapPut("", Replace);
        scale.MapPatch("", Patch);
    }

    public static V1Scale ToScale(V1ReplicationController rc) => new()
    {
        ApiVersion = "autoscaling/v1",
        Kind = "Scale",
        Metadata = new V1ObjectMeta
        {
            Name = rc.Metadata.Name,
            NamespaceProperty = rc.Metadata.NamespaceProperty,
            Uid = rc.Metadata.Uid,
            ResourceVersion = rc.Metadata.ResourceVersion,
            CreationTimestamp = rc.Metadata.CreationTimestamp,
        },
        Spec = new V1ScaleSpec { Replicas = rc.Spec?.Replicas ?? 0 },
        Status = new V1ScaleStatus { Replicas = rc.Status?.Replicas ?? 0, Selector = ReplicationControllerResource.SelectorText(rc) },
    };

    private static Task<IResult> Get(HttpContext http, string @namespace, string name, [FromServices] ApiContext api) => Rcs.Guard(name, async () =>
    {
        var rc = await api.Store.GetAsync<V1ReplicationController>(@namespace, name, http.RequestAborted) ?? throw ApiStatus.NotFound("replicationcontrollers", name);
        return KubeJsonResult.Ok(ToScale(rc));
    });

    private static Task<IResult> Replace(HttpContext http, string @namespace, string name, [FromServices] ApiContext api) => Rcs.Guard(name, async () =>
    {
        var body = await RequestBodies.ReadObjectAsync<V1Scale>(http.Request, api.Options.MaxRequestBodyBytes, http.RequestAborted);
        var scale = Decode(body);
        return await ScaleAsync(@namespace, name, _ => scale, api, http.RequestAborted);
    });

    private static Task<IResult> Patch(HttpContext http, string @namespace, string name, [FromServices] ApiContext api) => Rcs.Guard(name, async () =>
    {
        var patchType = RequestBodies.MediaType(http.Request, RequestBodies.PatchTypes);
        var patch = await RequestBodies.ReadTextAsync(http.Request, api.Options.MaxRequestBodyBytes, http.RequestAborted);
        return await ScaleAsync(@namespace, name, current =>
        {
            var node = ResourceHandler<V1Scale>.ToNode(current);
            if (patchType == RequestBodies.ApplyPatch)
            {
                Patching.StrategicMerge(node, RequestBodies.ParseYamlObject<V1Scale>(http, patch));
            }
            else
            {
                node = Patching.Apply(node, patchType, patch);
            }

            return Decode(node);
        }, api, http.RequestAborted);
    });

    /// <summary>
    /// Reads the controller, asks for the scale to write over its current one, writes it; a write in between is retried
    /// on the newer controller unless the scale named the version it expected (then the conflict is the client's).
    /// </summary>
    private static Task<IResult> ScaleAsync(string @namespace, string name, Func<V1Scale, V1Scale> desired, ApiContext api, CancellationToken cancellationToken) =>
        ConflictRetry.RunAsync<IResult>(async _ =>
        {
            var rc = await api.Store.GetAsync<V1ReplicationController>(@namespace, name, cancellationToken) ?? throw ApiStatus.NotFound("replicationcontrollers", name);
            var current = ToScale(rc);
            var scale = desired(current);
            try
            {
                return KubeJsonResult.Ok(ToScale(await ApplyAsync(rc, scale, name, api, cancellationToken)));
            }
            catch (ApiException ex) when (ResourceHandler<V1ReplicationController>.IsConflict(ex)
                && scale.Metadata?.ResourceVersion is { Length: > 0 } named && named != current.Metadata.ResourceVersion)
            {
                return KubeJsonResult.From(ex.Status);
            }
        }, ResourceHandler<V1ReplicationController>.IsConflict);

    private static async Task<V1ReplicationController> ApplyAsync(V1ReplicationController rc, V1Scale scale, string name, ApiContext api, CancellationToken cancellationToken)
    {
        if (scale.Metadata?.Name is { Length: > 0 } scaleName && scaleName != name)
        {
            throw ApiStatus.BadRequest($"the name of the object ({scaleName}) does not match the name on the URL ({name})");
        }

        var replicas = scale.Spec?.Replicas ?? 0;
        if (replicas < 0)
        {
            throw ApiStatus.Invalid("Scale", name, [new FieldError("spec.replicas", $"Invalid value: {replicas}: must be greater than or equal to 0")]);
        }

        if (scale.Metadata?.ResourceVersion is { Length: > 0 } expected)
        {
            rc.Metadata.ResourceVersion = expected;
        }

        rc.Spec.Replicas = replicas; // the store bumps the generation when this changed it

        return await Rcs.StoreUpdateAsync(rc, api, false, cancellationToken);
    }

    private static V1Scale Decode(JsonObject node)
    {
        if (node["kind"] is JsonValue kind && kind.TryGetValue<string>(out var k) && k.Length > 0 && k != "Scale")
        {
            throw ApiStatus.BadRequest($"the kind of the object ({k}) does not match the resource (replicationcontrollers/scale, kind Scale)");
        }

        try
        {
            return KubernetesJson.Deserialize<V1Scale>(node.ToJsonString());
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw ApiStatus.BadRequest($"Scale in version \"autoscaling/v1\" cannot be handled as a Scale: {ex.Message}");
        }
    }
}
