using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>
/// The fields a form edits, as a tree of JSON keys (a null subtree = the whole value), so that filling a form from
/// YAML can say which fields of the pasted object the form leaves out instead of dropping them silently.
/// </summary>
public sealed class FormSchema(IReadOnlyDictionary<string, FormSchema?> keys)
{
    /// <summary>Server-set metadata, never worth a word when left out.</summary>
    private static readonly HashSet<string> ServerMetadata =
        ["uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"];

    public IReadOnlyDictionary<string, FormSchema?> Keys { get; } = keys;

    public static FormSchema Of(params (string Key, FormSchema? Child)[] keys) => new(keys.ToDictionary(k => k.Key, k => k.Child, StringComparer.Ordinal));

    public static readonly FormSchema Container = Of(
        ("name", null), ("image", null), ("command", null), ("args", null),
        ("ports", Of(("containerPort", null), ("hostPort", null), ("protocol", null), ("name", null))),
        ("resources", Of(("requests", Of(("cpu", null), ("memory", null), ("ephemeral-storage", null))), ("limits", Of(("cpu", null), ("memory", null), ("ephemeral-storage", null))))));

    public static readonly FormSchema PodSpec = Of(("containers", Container), ("nodeSelector", null));

    public static readonly FormSchema Metadata = Of(("name", null), ("namespace", null), ("labels", null), ("annotations", null));

    /// <summary>The paths present in <paramref name="node"/> that this schema does not cover.</summary>
    public IReadOnlyList<string> Dropped(JsonNode? node, string path = "")
    {
        var dropped = new List<string>();
        Walk(node, path, dropped);
        return dropped;
    }

    private void Walk(JsonNode? node, string path, List<string> dropped)
    {
        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(array[i], $"{path}[{i}]", dropped);
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var (key, value) in obj)
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (value is null || (path == "metadata" && ServerMetadata.Contains(key)))
            {
                continue;
            }

            if (!Keys.TryGetValue(key, out var child))
            {
                dropped.Add(childPath);
            }
            else
            {
                child?.Walk(value, childPath, dropped);
            }
        }
    }
}

/// <summary>Reads the one object a form is filled from out of pasted YAML (KubernetesClient's YAML support).</summary>
public static class FormImport
{
    /// <summary>The first object of kind <typeparamref name="T"/>; null with <paramref name="error"/> otherwise.</summary>
    public static T? Parse<T>(string? yaml, out string? error)
        where T : class, IKubernetesObject
    {
        error = null;
        List<object> objects;
        try
        {
            objects = KubernetesYaml.LoadAllFromString(yaml ?? "");
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
        {
            error = "The YAML could not be read: " + ex.Message;
            return null;
        }

        if (objects.OfType<T>().FirstOrDefault() is { } found)
        {
            return found;
        }

        var kind = typeof(T).Name.TrimStart('V', '1');
        error = objects.Count == 0
            ? "The YAML has no object."
            : $"The YAML has no {kind} (it has {string.Join(", ", objects.Select(o => (o as IKubernetesObject)?.Kind ?? o.GetType().Name))}).";
        return null;
    }

    /// <summary>What the form leaves out of <paramref name="obj"/>, as API paths (status is never copied).</summary>
    public static IReadOnlyList<string> Dropped(object obj, FormSchema schema)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();
        node.Remove("status");
        node.Remove("apiVersion");
        node.Remove("kind");
        return schema.Dropped(node);
    }
}
