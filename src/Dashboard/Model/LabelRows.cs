using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Model;

/// <summary>Checks and converts the key/value rows of a label editor (the create form and the label dialog).</summary>
public static class LabelRows
{
    /// <summary>Per row, the key's and the value's error (null when fine); empty rows are ignored.</summary>
    public static IReadOnlyList<(string? KeyError, string? ValueError)> Check(IReadOnlyList<LabelRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new List<(string?, string?)>(rows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = row.Key.Trim();
            var value = row.Value.Trim();
            if (key.Length == 0 && value.Length == 0)
            {
                result.Add((null, null));
                continue;
            }

            var keyError = KubernetesNames.ValidateLabelKey(key).FirstOrDefault()
                ?? (seen.Add(key) ? null : $"duplicate label key \"{key}\"");
            result.Add((keyError, KubernetesNames.ValidateLabelValue(value).FirstOrDefault()));
        }

        return result;
    }

    /// <summary>The labels the rows describe, trimmed, without empty rows.</summary>
    public static Dictionary<string, string> ToLabels(IEnumerable<LabelRow> rows) =>
        rows.Where(l => !string.IsNullOrWhiteSpace(l.Key))
            .ToDictionary(l => l.Key.Trim(), l => l.Value.Trim(), StringComparer.Ordinal);
}
