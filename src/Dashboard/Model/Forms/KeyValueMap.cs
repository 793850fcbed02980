namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>
/// The rows of one key/value editor (labels, a selector, a node selector) and the API path of the map they make
/// (<c>metadata.labels</c>). Rows are checked with the shared label rules (<see cref="LabelRows"/>); empty rows are
/// ignored; for a repeated key the last row wins, as in YAML, after the duplicate was reported on its row.
/// </summary>
public sealed class KeyValueMap(string path)
{
    /// <summary>The API path of the map, which is also its form field key.</summary>
    public string Path { get; set; } = path;

    public List<LabelRow> Rows { get; } = [];

    public string KeyField(int row) => $"{Path}#{row}.key";

    public string ValueField(int row) => $"{Path}#{row}.value";

    /// <summary>The rows as shown, as one string: the editor renders when it changes.</summary>
    public string Signature() => string.Join('\u001f', Rows.Select(r => r.Key + "\u001e" + r.Value));

    public void Add(string key = "", string value = "") => Rows.Add(new LabelRow { Key = key, Value = value });

    public void RemoveAt(int row) => Rows.RemoveAt(row);

    public void Set(IDictionary<string, string>? map)
    {
        Rows.Clear();
        foreach (var (key, value) in map ?? new Dictionary<string, string>())
        {
            Add(key, value);
        }
    }

    /// <summary>The map the rows describe, or null when there is none.</summary>
    public Dictionary<string, string>? ToMap()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Rows.Where(r => !string.IsNullOrWhiteSpace(r.Key)))
        {
            map[row.Key.Trim()] = row.Value.Trim();
        }

        return map.Count == 0 ? null : map;
    }

    /// <summary>Row errors (key, value); returns the messages so the map-level copies of them can be dropped.</summary>
    public IReadOnlyList<string> Check(FormErrors errors)
    {
        var messages = new List<string>();
        var checks = LabelRows.Check(Rows);
        for (var i = 0; i < checks.Count; i++)
        {
            if (checks[i].KeyError is { } keyError)
            {
                errors.Add(KeyField(i), keyError);
                messages.Add(keyError);
            }

            if (checks[i].ValueError is { } valueError)
            {
                errors.Add(ValueField(i), valueError);
                messages.Add(valueError);
            }
        }

        return messages;
    }

    /// <summary>Touches every row, so their errors show (after a row was removed and indices moved).</summary>
    public IEnumerable<string> Fields() => Enumerable.Range(0, Rows.Count).SelectMany(i => new[] { KeyField(i), ValueField(i) }).Prepend(Path);
}
