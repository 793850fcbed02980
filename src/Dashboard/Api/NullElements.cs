using System.Text.Json.Nodes;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// Nulls where Go's decoder makes zero values: an element of a list (<c>"containers": [null]</c> is one empty
/// container, refused by validation as such), and a value of a string map (<c>"labels": {"app": null}</c> is the
/// label <c>app=""</c>). KubernetesClient keeps them as C# nulls, which validators, selectors and controllers
/// were never written to meet.
/// </summary>
internal static class NullElements
{
    /// <returns>Whether a null was replaced.</returns>
    public static bool ToZeroValues(JsonNode? node, Type type)
    {
        var replaced = false;
        switch (node)
        {
            case JsonArray array when FieldValidation.ElementType(type) is { } element:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is null)
                    {
                        array[i] = ZeroOf(element);
                        replaced = true;
                    }
                    else
                    {
                        replaced |= ToZeroValues(array[i], element);
                    }
                }

                break;
            case JsonObject obj when FieldValidation.Shape(type) is { } shape:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is not null && shape.TryGetValue(key, out var propertyType))
                    {
                        replaced |= ToZeroValues(value, propertyType);
                    }
                }

                break;
            case JsonObject map when IsStringMap(type):
                foreach (var (key, value) in map.ToList())
                {
                    if (value is null)
                    {
                        map[key] = "";
                        replaced = true;
                    }
                }

                break;
        }

        return replaced;
    }

    private static JsonNode? ZeroOf(Type element) =>
        element == typeof(string) ? JsonValue.Create("") : FieldValidation.Shape(element) is not null ? new JsonObject() : null;

    private static bool IsStringMap(Type type) => type == typeof(IDictionary<string, string>) || type == typeof(Dictionary<string, string>);
}
