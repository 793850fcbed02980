using System.Text.Json.Nodes;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// Just enough OpenAPI v3 for kubectl: its field-validation check (since v1.25 kubectl validates with the server
/// when a kind's PATCH operation takes the <c>fieldValidation</c> query parameter, and otherwise downloads the whole
/// schema to validate itself) reads <c>/openapi/v3</c>, then <c>/openapi/v3/api/v1</c>, and looks for a PATCH tagged
/// with the kind's <c>x-kubernetes-group-version-kind</c>. There are no schemas: kubectl then computes apply patches
/// from its built-in types. <c>/openapi/v2</c> is not served (404).
/// </summary>
internal static class OpenApiApi
{
    private const string Hash = "kubemesos-v1";

    private static readonly (string Path, string Kind)[] Patchable =
    [
        ("/api/v1/namespaces/{namespace}/pods/{name}", "Pod"),
        ("/api/v1/namespaces/{namespace}/services/{name}", "Service"),
        ("/api/v1/namespaces/{namespace}/replicationcontrollers/{name}", "ReplicationController"),
        ("/api/v1/namespaces/{namespace}/endpoints/{name}", "Endpoints"),
        ("/api/v1/namespaces/{namespace}/events/{name}", "Event"),
        ("/api/v1/namespaces/{name}", "Namespace"),
    ];

    public static void MapOpenApiApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openapi/v3", () => KubeJsonResult.Ok(new JsonObject
        {
            ["paths"] = new JsonObject { ["api/v1"] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/api/v1?hash={Hash}" } },
        }));
        app.MapGet("/openapi/v3/api/v1", () => KubeJsonResult.Ok(Document()));
    }

    public static JsonObject Document()
    {
        var paths = new JsonObject();
        foreach (var (path, kind) in Patchable)
        {
            paths[path] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = "patchCoreV1" + kind,
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = kind },
                    ["parameters"] = new JsonArray(
                        new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } },
                        new JsonObject { ["name"] = "fieldManager", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } },
                        new JsonObject { ["name"] = "dryRun", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "KubeMesos", ["version"] = "v1" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }
}
