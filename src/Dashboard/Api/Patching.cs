using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson.Exceptions;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// The patch types kubectl and the client libraries send, applied to an object's JSON tree: JSON patch (RFC 6902,
/// through ASP.NET Core's JsonPatch), JSON merge patch (RFC 7386), and strategic merge patch, which is a merge
/// patch whose lists of objects merge by their patch merge keys (containers by name, ports by containerPort/port,
/// ...) with the <c>$patch</c> directives. Server-side apply is taken as a strategic merge onto the live object.
/// </summary>
internal static class Patching
{
    /// <summary>Patch merge keys of the lists kubectl touches (Kubernetes' <c>patchMergeKey</c> struct tags).</summary>
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
        ["resourceClaims"] = "name",
    };

    /// <summary>Applies a patch of <paramref name="patchType"/> to <paramref name="target"/> (changed in place or replaced) and returns the result.</summary>
    public static JsonObject Apply(JsonObject target, string patchType, string patch)
    {
        switch (patchType)
        {
            case RequestBodies.JsonPatch:
                return ApplyJsonPatch(target, patch);
            case RequestBodies.MergePatch:
                MergePatch(target, RequestBodies.ParseJsonObject(patch));
                return target;
            case RequestBodies.StrategicMergePatch:
                StrategicMerge(target, RequestBodies.ParseJsonObject(patch));
                return target;
            default:
                throw new ArgumentOutOfRangeException(nameof(patchType), patchType, "not a JSON-based patch type");
        }
    }

    public static JsonObject ApplyJsonPatch(JsonObject target, string patch)
    {
        JsonPatchDocument document;
        try
        {
            document = JsonSerializer.Deserialize<JsonPatchDocument>(patch) ?? throw ApiStatus.BadRequest("the JSON patch is empty");
        }
        catch (JsonException ex)
        {
            throw ApiStatus.BadRequest($"the JSON patch could not be decoded: {ex.Message}");
        }

        try
        {
            document.ApplyTo(target);
        }
        catch (JsonPatchException ex)
        {
            throw new ApiException(ApiStatus.Failure(422, "Invalid", $"the JSON patch could not be applied: {ex.Message}"));
        }

        return target;
    }

    /// <summary>RFC 7386: objects merge recursively, null removes, anything else replaces.</summary>
    public static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                MergePatch(targetObject, patchObject);
            }
            else if (value is JsonObject newObject)
            {
                var created = new JsonObject();
                MergePatch(created, newObject);
                target[key] = created;
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    /// <summary>A strategic merge patch: a merge patch whose object lists with a merge key merge element by element.</summary>
    public static void StrategicMerge(JsonObject target, JsonObject patch)
    {
        if (Directive(patch) == "replace")
        {
            var keep = patch.Where(p => !p.Key.StartsWith('$')).Select(p => (p.Key, Value: p.Value?.DeepClone())).ToList();
            target.Clear();
            foreach (var (key, value) in keep)
            {
                target[key] = value;
            }

            return;
        }

        foreach (var (key, value) in patch.ToList())
        {
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var listKey = key["$deleteFromPrimitiveList/".Length..];
                if (target[listKey] is JsonArray primitives && value is JsonArray remove)
                {
                    foreach (var item in primitives.Where(p => remove.Any(r => JsonNode.DeepEquals(p, r))).ToList())
                    {
                        primitives.Remove(item);
                    }
                }

                continue;
            }

            if (key.StartsWith('$'))
            {
                continue; // $patch, $retainKeys, $setElementOrder/...: ordering and pruning hints we do not need.
            }

            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject)
            {
                if (Directive(patchObject) == "delete")
                {
                    target.Remove(key);
                }
                else if (target[key] is JsonObject targetObject)
                {
                    StrategicMerge(targetObject, patchObject);
                }
                else
                {
                    var created = new JsonObject();
                    StrategicMerge(created, patchObject);
                    target[key] = created;
                }
            }
            else if (value is JsonArray patchList)
            {
                target[key] = MergeList(key, target[key] as JsonArray, patchList);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static JsonArray MergeList(string key, JsonArray? target, JsonArray patch)
    {
        var mergeKey = MergeKeyFor(key, target, patch);
        if (mergeKey is null || target is null || patch.Any(p => p is JsonObject o && Directive(o) == "replace"))
        {
            return new JsonArray(patch.Where(p => p is not JsonObject o || Directive(o) is null).Select(p => p?.DeepClone()).ToArray());
        }

        foreach (var element in patch)
        {
            if (element is not JsonObject patchElement || patchElement[mergeKey] is not { } keyValue)
            {
                target.Add(element?.DeepClone());
                continue;
            }

            var existing = target.OfType<JsonObject>().FirstOrDefault(t => JsonNode.DeepEquals(t[mergeKey], keyValue));
            if (Directive(patchElement) == "delete")
            {
                if (existing is not null)
                {
                    target.Remove(existing);
                }
            }
            else if (existing is not null)
            {
                StrategicMerge(existing, patchElement);
            }
            else
            {
                var created = new JsonObject();
                StrategicMerge(created, patchElement);
                target.Add(created);
            }
        }

        return (JsonArray)target.DeepClone();
    }

    /// <summary>The merge key of a list; <c>ports</c> is keyed by containerPort in containers and by port in services.</summary>
    private static string? MergeKeyFor(string key, JsonArray? target, JsonArray patch)
    {
        if (key == "ports")
        {
            var elements = (target ?? []).Concat(patch).OfType<JsonObject>();
            return elements.Any(e => e.ContainsKey("containerPort")) ? "containerPort" : "port";
        }

        return MergeKeys.GetValueOrDefault(key);
    }

    private static string? Directive(JsonObject node) =>
        node["$patch"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
