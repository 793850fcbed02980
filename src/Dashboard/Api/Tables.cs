using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Net.Http.Headers;

namespace KubeMesos.Dashboard.Api;

/// <summary>How a table request wants each row's object (<c>includeObject</c>: None, Metadata (default), Object).</summary>
internal enum TableObjects { None, Metadata, Object }

/// <summary>Server-side tables: the Accept header that asks for them and the rows built from a kind's cells.</summary>
internal static class Tables
{
    /// <summary>
    /// Whether the request asks for a meta.k8s.io Table (<c>Accept: application/json;as=Table;g=meta.k8s.io;v=v1</c>),
    /// and with which row objects; null for plain JSON.
    /// </summary>
    public static TableRequest? Requested(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept.Where(a => a is not null).Select(a => a!).ToList(), out var accepted))
        {
            return null;
        }

        foreach (var media in accepted)
        {
            string? Param(string name) => media.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value.Value;
            if (Param("as") == "Table" && Param("g") == "meta.k8s.io" && Param("v") is "v1" or "v1beta1" && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                var objects = request.Query["includeObject"].ToString() switch
                {
                    "None" => TableObjects.None,
                    "Object" => TableObjects.Object,
                    _ => TableObjects.Metadata,
                };
                return new TableRequest("meta.k8s.io/" + Param("v"), objects);
            }
        }

        return null;
    }

    public static Table Build<T>(ResourceDefinition<T> definition, IEnumerable<T> items, TableRequest request, string? resourceVersion, string? @continue, DateTimeOffset now)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var rows = items.Select(item => new TableRow(definition.Cells(item, now), RowObject(definition.Kind, item, request.Objects))).ToList();
        return new Table(definition.Columns, rows, new TableListMeta(resourceVersion, @continue)) { ApiVersion = request.ApiVersion };
    }

    private static JsonNode? RowObject<T>(string kind, T item, TableObjects objects)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        switch (objects)
        {
            case TableObjects.None:
                return null;
            case TableObjects.Object:
                var full = JsonNode.Parse(KubernetesJson.Serialize(item))!.AsObject();
                full["kind"] = kind;
                full["apiVersion"] = "v1";
                return full;
            default:
                return new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = JsonNode.Parse(KubernetesJson.Serialize(item.Metadata)),
                };
        }
    }
}

internal sealed record TableRequest(string ApiVersion, TableObjects Objects);
