using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// Request bodies as JSON trees, built without recursion and without <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>'s
/// lazy object: a key given twice keeps its last value (as Go's decoder does) and is reported, where
/// <see cref="JsonObject"/> would throw <see cref="ArgumentException"/> on first access; a lone surrogate is a clear
/// decoding error; YAML nesting is bounded, since YamlDotNet's deserializer recurses once per level.
/// </summary>
internal static class BodyTrees
{
    /// <summary>Deeper than any Kubernetes object (a pod's affinity terms are about ten levels down).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Aliases a YAML request may use. Each is expanded when the object is written back as JSON, so a few nested
    /// aliases in a small body would otherwise make billions of nodes (the "billion laughs"); go-yaml refuses
    /// such documents as "excessive aliasing" too.
    /// </summary>
    public const int MaxAliases = 100;

    /// <summary>A JSON text as a tree, the paths of duplicate keys added to <paramref name="duplicates"/>.</summary>
    /// <exception cref="ApiException">400 when the text is not JSON, too deep, or holds an unpaired surrogate.</exception>
    public static JsonNode? ParseJson(string text, List<string> duplicates) =>
        Tree(() => JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth }), duplicates);

    /// <summary>The same from valid UTF-8 (a request body as it came), without making a string of it first.</summary>
    public static JsonNode? ParseJson(ReadOnlyMemory<byte> utf8, List<string> duplicates) =>
        Tree(() => JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxDepth }), duplicates);

    private static JsonNode? Tree(Func<JsonDocument> parse, List<string> duplicates)
    {
        try
        {
            using var document = parse();
            return Convert(document.RootElement, null, duplicates);
        }
        catch (JsonException ex)
        {
            throw ApiStatus.BadRequest($"the body of the request could not be decoded: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw ApiStatus.BadRequest($"the body of the request could not be decoded: {ex.Message}");
        }
    }

    private static JsonNode? Convert(JsonElement element, Step? path, List<string> duplicates)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (obj.Remove(property.Name))
                    {
                        duplicates.Add(new Step(path, property.Name, 0).ToString());
                    }

                    obj[property.Name] = Convert(property.Value, Into(property.Value, path, property.Name, 0), duplicates);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Convert(item, Into(item, path, null, index++), duplicates));
                }

                return array;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(element.GetBoolean());
            default:
                // Numbers keep their exact text (a 64-bit integer stays exact).
                return JsonNode.Parse(element.GetRawText());
        }
    }

    /// <summary>The path to a child, when it can hold keys (a scalar never reports one).</summary>
    private static Step? Into(JsonElement child, Step? parent, string? property, int index) =>
        child.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? new Step(parent, property, index) : null;

    /// <summary>Where a value sits in the body (<c>spec.containers[0].ports</c>); made into text only to report a duplicate key.</summary>
    private sealed record Step(Step? Parent, string? Property, int Index)
    {
        public override string ToString()
        {
            var prefix = Parent?.ToString() ?? "";
            return Property is null ? $"{prefix}[{Index}]" : prefix.Length == 0 ? Property : $"{prefix}.{Property}";
        }
    }

    /// <summary>
    /// The mapping keys of a YAML document as a JSON tree (scalars as strings; enough to find unknown and duplicate
    /// fields), after checking that its nesting stays within <see cref="MaxDepth"/>.
    /// </summary>
    /// <exception cref="ApiException">400 when the YAML does not parse or nests too deep.</exception>
    public static JsonNode? YamlKeys(string text, List<string> duplicates)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            var stack = new Stack<(JsonNode Node, string Path, string? PendingKey, int Index)>();
            JsonNode? root = null;
            var aliases = 0;
            while (parser.MoveNext())
            {
                var current = parser.Current;
                switch (current)
                {
                    case MappingStart or SequenceStart:
                        if (stack.Count >= MaxDepth)
                        {
                            throw ApiStatus.BadRequest($"the body of the request could not be decoded as YAML: nested deeper than {MaxDepth} levels");
                        }

                        JsonNode container = current is MappingStart ? new JsonObject() : new JsonArray();
                        var path = Attach(stack, container, duplicates, ref root);
                        stack.Push((container, path, null, 0));
                        break;
                    case MappingEnd or SequenceEnd:
                        stack.Pop();
                        break;
                    case Scalar scalar:
                        if (stack.Count > 0 && stack.Peek() is { Node: JsonObject, PendingKey: null } top)
                        {
                            stack.Pop();
                            stack.Push(top with { PendingKey = scalar.Value });
                        }
                        else
                        {
                            Attach(stack, JsonValue.Create(scalar.Value), duplicates, ref root);
                        }

                        break;
                    case AnchorAlias:
                        if (++aliases > MaxAliases)
                        {
                            throw ApiStatus.BadRequest($"the body of the request could not be decoded as YAML: more than {MaxAliases} aliases (excessive aliasing)");
                        }

                        if (stack.Count > 0 && stack.Peek() is { Node: JsonObject, PendingKey: null } keyed)
                        {
                            stack.Pop();
                            stack.Push(keyed with { PendingKey = "*" });
                        }
                        else
                        {
                            Attach(stack, JsonValue.Create("*"), duplicates, ref root);
                        }

                        break;
                    case DocumentStart when root is not null:
                        // A second document: the API takes one object per request.
                        throw ApiStatus.BadRequest("the body of the request holds more than one YAML document");
                }
            }

            return root;
        }
        catch (YamlException ex)
        {
            throw ApiStatus.BadRequest($"the body of the request could not be decoded as YAML: {ex.Message}");
        }
    }

    /// <summary>Puts a value into the container on top of the stack (or makes it the root) and returns its path.</summary>
    private static string Attach(Stack<(JsonNode Node, string Path, string? PendingKey, int Index)> stack, JsonNode value, List<string> duplicates, ref JsonNode? root)
    {
        if (stack.Count == 0)
        {
            root = value;
            return "";
        }

        var top = stack.Pop();
        string path;
        if (top.Node is JsonObject obj)
        {
            // A mapping or sequence used as a key (YAML allows it) is no field name: keep it under a placeholder.
            var key = top.PendingKey ?? "?";
            path = top.Path.Length == 0 ? key : $"{top.Path}.{key}";
            if (obj.Remove(key))
            {
                duplicates.Add(path);
            }

            obj[key] = value;
            stack.Push(top with { PendingKey = null });
        }
        else
        {
            path = $"{top.Path}[{top.Index}]";
            ((JsonArray)top.Node).Add(value);
            stack.Push(top with { Index = top.Index + 1 });
        }

        return path;
    }
}
