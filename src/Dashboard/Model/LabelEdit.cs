using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Model;

/// <summary>What a bulk label operation does to one label: set it to a value, or remove it.</summary>
public enum LabelEditKind
{
    /// <summary>Add the label, or overwrite its value.</summary>
    Set,

    /// <summary>Change the value where the key is present; pods without it are left alone.</summary>
    Change,

    Remove,
}

/// <summary>
/// One change to one label key, applied the same way to every selected pod (the board's Add, Change, Remove and
/// drag-and-drop all become these). Immutable.
/// </summary>
public sealed record LabelEdit(LabelEditKind Kind, string Key, string Value = "")
{
    public static LabelEdit Set(string key, string value) => new(LabelEditKind.Set, key.Trim(), value.Trim());

    public static LabelEdit Change(string key, string value) => new(LabelEditKind.Change, key.Trim(), value.Trim());

    public static LabelEdit Remove(string key) => new(LabelEditKind.Remove, key.Trim());

    /// <summary>The key's and the value's errors, as the API server words them; empty when the edit may be written.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = KubernetesNames.ValidateLabelKey(Key).Select(m => new FieldError("key", m)).ToList();
        if (Kind != LabelEditKind.Remove)
        {
            errors.AddRange(KubernetesNames.ValidateLabelValue(Value).Select(m => new FieldError("value", m)));
        }

        return errors;
    }

    /// <summary>The labels after this edit, or null when it changes nothing (the pod already says so).</summary>
    public Dictionary<string, string>? ApplyTo(IReadOnlyDictionary<string, string>? labels)
    {
        var present = labels?.TryGetValue(Key, out var current) == true ? current : null;
        var noChange = Kind switch
        {
            LabelEditKind.Set => present == Value,
            LabelEditKind.Change => present is null || present == Value,
            _ => present is null,
        };
        if (noChange)
        {
            return null;
        }

        var result = labels is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(labels, StringComparer.Ordinal);
        if (Kind != LabelEditKind.Remove)
        {
            result[Key] = Value;
        }
        else
        {
            result.Remove(Key);
        }

        return result;
    }

    /// <summary>The labels after every edit in order, or null when together they change nothing.</summary>
    public static Dictionary<string, string>? ApplyAll(IReadOnlyList<LabelEdit> edits, IReadOnlyDictionary<string, string>? labels)
    {
        ArgumentNullException.ThrowIfNull(edits);
        IReadOnlyDictionary<string, string> current = labels ?? new Dictionary<string, string>();
        var changed = false;
        foreach (var edit in edits)
        {
            if (edit.ApplyTo(current) is { } next)
            {
                current = next;
                changed = true;
            }
        }

        return changed && !SameLabels(current, labels) ? new Dictionary<string, string>(current, StringComparer.Ordinal) : null;
    }

    /// <summary>kubectl's wording: <c>tier=web</c>, <c>tier-</c>.</summary>
    public override string ToString() => Kind == LabelEditKind.Remove ? $"{Key}-" : $"{Key}={Value}";

    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string>? b) =>
        a.Count == (b?.Count ?? 0) && a.All(l => b!.TryGetValue(l.Key, out var v) && v == l.Value);
}
