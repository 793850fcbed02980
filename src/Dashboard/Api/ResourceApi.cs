using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Mvc;

namespace KubeMesos.Dashboard.Api;

/// <summary>Maps one kind's collection and item routes onto its <see cref="ResourceHandler{T}"/>.</summary>
internal static class ResourceApi
{
    public static void MapResource<T>(this RouteGroupBuilder v1, ResourceHandler<T> handler)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var plural = handler.Definition.Plural;
        if (handler.Definition.Namespaced)
        {
            // Across namespaces: list and watch only, as in Kubernetes.
            v1.MapGet($"/{plural}", (HttpContext http, [FromServices] ApiContext api) => handler.ListAsync(http, null, api));

            var collection = v1.MapGroup($"/namespaces/{{namespace}}/{plural}");
            collection.MapGet("", (HttpContext http, string @namespace, [FromServices] ApiContext api) => handler.ListAsync(http, @namespace, api));
            collection.MapPost("", (HttpContext http, string @namespace, [FromServices] ApiContext api) => handler.CreateAsync(http, @namespace, api));
            collection.MapGet("/{name}", (HttpContext http, string @namespace, string name, [FromServices] ApiContext api) => handler.GetAsync(http, @namespace, name, api));
            collection.MapPut("/{name}", (HttpContext http, string @namespace, string name, [FromServices] ApiContext api) => handler.UpdateAsync(http, @namespace, name, api));
            collection.MapPatch("/{name}", (HttpContext http, string @namespace, string name, [FromServices] ApiContext api) => handler.PatchAsync(http, @namespace, name, api));
            collection.MapDelete("/{name}", (HttpContext http, string @namespace, string name, [FromServices] ApiContext api) => handler.DeleteAsync(http, @namespace, name, api));
        }
        else
        {
            var collection = v1.MapGroup($"/{plural}");
            collection.MapGet("", (HttpContext http, [FromServices] ApiContext api) => handler.ListAsync(http, null, api));
            collection.MapPost("", (HttpContext http, [FromServices] ApiContext api) => handler.CreateAsync(http, null, api));
            collection.MapGet("/{name}", (HttpContext http, string name, [FromServices] ApiContext api) => handler.GetAsync(http, null, name, api));
            collection.MapPut("/{name}", (HttpContext http, string name, [FromServices] ApiContext api) => handler.UpdateAsync(http, null, name, api));
            collection.MapPatch("/{name}", (HttpContext http, string name, [FromServices] ApiContext api) => handler.PatchAsync(http, null, name, api));
            collection.MapDelete("/{name}", (HttpContext http, string name, [FromServices] ApiContext api) => handler.DeleteAsync(http, null, name, api));
        }
    }
}
