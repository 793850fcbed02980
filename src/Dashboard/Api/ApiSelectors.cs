using KubeMesos.Shared.Labels;

namespace KubeMesos.Dashboard.Api;

/// <summary>The <c>labelSelector</c> and <c>fieldSelector</c> query parameters of lists and watches.</summary>
internal static class ApiSelectors
{
    /// <summary>The label selector, <see cref="LabelSelector.Everything"/> when absent; 400 BadRequest when it does not parse.</summary>
    public static LabelSelector Labels(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return LabelSelector.Everything;
        }

        return LabelSelector.TryParse(text, out var selector, out var error)
            ? selector
            : throw ApiStatus.BadRequest($"unable to parse requirement: {error}");
    }
}

/// <summary>
/// A field selector: comma-separated <c>field=value</c>, <c>field==value</c> or <c>field!=value</c> terms over the
/// fields a kind supports (every kind: <c>metadata.name</c>, <c>metadata.namespace</c>).
/// </summary>
internal sealed class FieldSelector<T>(IReadOnlyList<(Func<T, string?> Get, string Value, bool Equal)> terms)
{
    public static readonly FieldSelector<T> Everything = new([]);

    public bool IsEmpty => terms.Count == 0;

    public bool Matches(T obj) => terms.All(t => string.Equals(t.Get(obj) ?? "", t.Value, StringComparison.Ordinal) == t.Equal);

    public static FieldSelector<T> Parse(string? text, IReadOnlyDictionary<string, Func<T, string?>> fields)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(Func<T, string?>, string, bool)>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (field, value, equal) = raw.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0
                ? (raw[..ne], raw[(ne + 2)..], false)
                : raw.IndexOf("==", StringComparison.Ordinal) is var ee and > 0
                    ? (raw[..ee], raw[(ee + 2)..], true)
                    : raw.IndexOf('=') is var e and > 0
                        ? (raw[..e], raw[(e + 1)..], true)
                        : throw ApiStatus.BadRequest($"invalid selector: '{text}'; can't understand '{raw}'");
            field = field.Trim();
            if (!fields.TryGetValue(field, out var get))
            {
                throw ApiStatus.BadRequest($"\"{field}\" is not a known field selector: only {string.Join(", ", fields.Keys.Select(k => $"\"{k}\""))}");
            }

            terms.Add((get, value.Trim(), equal));
        }

        return new FieldSelector<T>(terms);
    }
}
