using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KubeMesos.Dashboard.Api;

/// <summary>meta.k8s.io/v1 Table: what <c>kubectl get</c> asks for and prints as it is.</summary>
internal sealed record Table(
    [property: JsonPropertyName("columnDefinitions")] IReadOnlyList<TableColumn> ColumnDefinitions,
    [property: JsonPropertyName("rows")] IReadOnlyList<TableRow> Rows,
    [property: JsonPropertyName("metadata")] TableListMeta Metadata)
{
    [JsonPropertyName("kind")]
    public string Kind => "Table";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = "meta.k8s.io/v1";
}

internal sealed record TableListMeta(
    [property: JsonPropertyName("resourceVersion")] string? ResourceVersion,
    [property: JsonPropertyName("continue")] string? Continue = null);

/// <summary>A column: <paramref name="Priority"/> 0 always shown, 1 only with <c>-o wide</c>.</summary>
internal sealed record TableColumn(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("priority")] int Priority = 0)
{
    public static TableColumn Text(string name, string description, int priority = 0) => new(name, "string", "", description, priority);

    public static TableColumn Number(string name, string description, int priority = 0) => new(name, "integer", "", description, priority);

    public static TableColumn ObjectName() => new("Name", "string", "name", "Name must be unique within a namespace. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", 0);

    public static TableColumn Age() => new("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0);
}

/// <summary>A row: its cells and the object (PartialObjectMetadata by default, the full object on <c>includeObject=Object</c>).</summary>
internal sealed record TableRow(
    [property: JsonPropertyName("cells")] IReadOnlyList<object?> Cells,
    [property: JsonPropertyName("object")] JsonNode? Object);
