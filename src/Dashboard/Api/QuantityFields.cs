using System.Text.Json.Nodes;
using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// Resource quantities checked in the request's JSON, before it becomes a typed object: KubernetesClient refuses an
/// unparsable quantity while decoding, which would lose the field it was in. This names it, as a 422 cause.
/// </summary>
internal static class QuantityFields
{
    /// <summary>
    /// A member of an object, or null when <paramref name="node"/> is no object: a body may hold any type anywhere
    /// (<c>"spec": "x"</c>), and <see cref="JsonNode"/>'s indexer throws on a value or an array; typed decoding then
    /// refuses the body with a 400.
    /// </summary>
    public static JsonNode? At(JsonNode? node, string key) => node is JsonObject obj ? obj[key] : null;

    public static IReadOnlyList<FieldError> InPodSpec(JsonNode? spec, string path)
    {
        var errors = new List<FieldError>();
        foreach (var list in new[] { "containers", "initContainers" })
        {
            if (At(spec, list) is not JsonArray containers)
            {
                continue;
            }

            for (var i = 0; i < containers.Count; i++)
            {
                foreach (var kind in new[] { "requests", "limits" })
                {
                    if (At(At(containers[i], "resources"), kind) is not JsonObject quantities)
                    {
                        continue;
                    }

                    foreach (var (name, value) in quantities)
                    {
                        var text = value?.ToString() ?? "";
                        if (!Parses(text))
                        {
                            errors.Add(new FieldError($"{path}.{list}[{i}].resources.{kind}[{name}]",
                                $"Invalid value: \"{text}\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
                        }
                    }
                }
            }
        }

        return errors;
    }

    private static bool Parses(string text)
    {
        try
        {
            _ = new ResourceQuantity(text).ToDecimal();
            return true;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }
}
