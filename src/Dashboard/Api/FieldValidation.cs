using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// The <c>fieldValidation</c> query parameter of create, update and patch, as the API server reads it
/// (k8s.io/apiserver handlers, KEP-2885): fields the kind does not have and fields given twice are refused with
/// <c>Strict</c> (400 BadRequest, <c>strict decoding error: unknown field "spec.foo"</c>), reported in a
/// <c>Warning</c> header with <c>Warn</c> (the default, as on the API server since v1.27), and dropped silently
/// with <c>Ignore</c>. kubectl sends <c>Strict</c> for <c>--validate=strict</c>, its default.
/// </summary>
internal static class FieldValidation
{
    public const string QueryParameter = "fieldValidation";

    private static readonly ConcurrentDictionary<Type, Dictionary<string, Type>?> s_shapes = new();

    public enum Directive
    {
        Ignore,
        Warn,
        Strict,
    }

    /// <summary>The request's directive; an unknown value is a 400, as on the API server.</summary>
    public static Directive Of(HttpRequest request)
    {
        var value = request.Query[QueryParameter].ToString();
        return value switch
        {
            "" or "Warn" => Directive.Warn,
            "Strict" => Directive.Strict,
            "Ignore" => Directive.Ignore,
            _ => throw ApiStatus.BadRequest($"fieldValidation: Unsupported value: \"{value}\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\""),
        };
    }

    /// <summary>
    /// Applies the request's directive to what decoding <paramref name="body"/> as a <typeparamref name="T"/> would
    /// lose: its unknown fields, and the fields <paramref name="duplicates"/> names (given twice; the last was kept).
    /// </summary>
    public static void Enforce<T>(HttpContext http, JsonNode? body, IReadOnlyCollection<string> duplicates)
    {
        var directive = Of(http.Request);
        if (directive == Directive.Ignore)
        {
            return;
        }

        var problems = new List<string>();
        problems.AddRange(duplicates.Select(d => $"duplicate field \"{d}\""));
        Walk(body, typeof(T), "", problems);
        if (problems.Count == 0)
        {
            return;
        }

        if (directive == Directive.Strict)
        {
            throw ApiStatus.BadRequest("strict decoding error: " + string.Join(", ", problems));
        }

        foreach (var problem in problems)
        {
            http.Response.Headers.Append("Warning", $"299 - \"{HeaderText(problem)}\"");
        }
    }

    /// <summary>
    /// A warning as a quoted header text (RFC 7234 §5.5): quotes and backslashes escaped, and every control or
    /// non-ASCII character as <c>\uXXXX</c>, since a field name may hold anything and Kestrel refuses such header bytes.
    /// </summary>
    public static string HeaderText(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            _ = ch switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' or > '~' => builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)ch:x4}"),
                _ => builder.Append(ch),
            };
        }

        return builder.ToString();
    }

    /// <summary>The unknown fields of <paramref name="node"/> read as <paramref name="type"/>, as paths (<c>spec.containers[0].foo</c>).</summary>
    public static List<string> UnknownFields(JsonNode? node, Type type)
    {
        var problems = new List<string>();
        Walk(node, type, "", problems);
        return problems;
    }

    private static void Walk(JsonNode? node, Type type, string path, List<string> problems)
    {
        if (node is JsonArray array && ElementType(type) is { } element)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(array[i], element, $"{path}[{i}]", problems);
            }

            return;
        }

        if (node is not JsonObject obj || Shape(type) is not { } shape)
        {
            return;
        }

        foreach (var (key, value) in obj)
        {
            // Strategic merge patch directives ($patch, $setElementOrder/..., $retainKeys) are not fields.
            if (key.StartsWith('$'))
            {
                continue;
            }

            var child = path.Length == 0 ? key : $"{path}.{key}";
            if (shape.TryGetValue(key, out var propertyType))
            {
                Walk(value, propertyType, child, problems);
            }
            else
            {
                problems.Add($"unknown field \"{child}\"");
            }
        }
    }

    /// <summary>The JSON fields of a model class (KubernetesClient marks each with <see cref="JsonPropertyNameAttribute"/>), or null for a leaf.</summary>
    internal static Dictionary<string, Type>? Shape(Type type) =>
        s_shapes.GetOrAdd(Nullable.GetUnderlyingType(type) ?? type, t =>
        {
            var properties = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p.PropertyType))
                .Where(p => p.Name is not null)
                .ToDictionary(p => p.Name!, p => p.PropertyType, StringComparer.Ordinal);
            return properties.Count == 0 ? null : properties;
        });

    internal static Type? ElementType(Type type)
    {
        if (type == typeof(string) || type.IsArray && type.GetElementType() == typeof(byte))
        {
            return null;
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        var element = enumerable?.GetGenericArguments()[0];

        // Maps (IDictionary<string, T>) enumerate key-value pairs: their keys are data, not fields.
        return element is { IsGenericType: true } pair && pair.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) ? null : element;
    }
}
