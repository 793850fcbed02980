using KubeMesos.Shared.Labels;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// What every object list filters and sorts by: free-text words, a label selector, a namespace and a sort column
/// with a direction. Each setter says whether the rows may have changed, so a page recomputes (and scrolls to the
/// top) only then. The state comes from the URL (see <see cref="QueryState"/>).
/// </summary>
/// <remarks>Owned by one component; not thread-safe.</remarks>
public sealed class ListFilter(string defaultSort, bool defaultDescending)
{
    private string[] _terms = [];

    /// <summary>Free text as typed; every word must occur in one of the row's searched fields (case-insensitive).</summary>
    public string Search { get; private set; } = "";

    /// <summary>The label selector as typed; <see cref="SelectorError"/> says why it does not parse.</summary>
    public string SelectorText { get; private set; } = "";

    /// <summary>Why <see cref="SelectorText"/> is not a selector, or null. The last valid selector stays applied.</summary>
    public string? SelectorError { get; private set; }

    public LabelSelector Selector { get; private set; } = LabelSelector.Everything;

    /// <summary>Only this namespace; null for all namespaces.</summary>
    public string? Namespace { get; private set; }

    public string Sort { get; private set; } = defaultSort;

    public bool Descending { get; private set; } = defaultDescending;

    public string DefaultSort { get; } = defaultSort;

    public bool DefaultDescending { get; } = defaultDescending;

    /// <summary>Whether any filter narrows the rows (the namespace included).</summary>
    public bool IsFiltering => _terms.Length > 0 || !Selector.IsEmpty || Namespace is not null;

    public bool SetSearch(string? text)
    {
        text = text?.Trim() ?? "";
        if (text == Search)
        {
            return false;
        }

        Search = text;
        _terms = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return true;
    }

    /// <summary>Text that does not parse sets <see cref="SelectorError"/> and keeps the last valid selector (false).</summary>
    public bool SetSelector(string? text)
    {
        text ??= "";
        SelectorText = text;
        if (!LabelSelector.TryParse(text, out var selector, out var error))
        {
            SelectorError = error;
            return false;
        }

        SelectorError = null;
        if (selector.Equals(Selector))
        {
            return false;
        }

        Selector = selector;
        return true;
    }

    public bool SetNamespace(string? @namespace)
    {
        @namespace = string.IsNullOrWhiteSpace(@namespace) ? null : @namespace.Trim();
        if (@namespace == Namespace)
        {
            return false;
        }

        Namespace = @namespace;
        return true;
    }

    /// <summary>Sorts by <paramref name="column"/> (the default when null or not one of <paramref name="known"/>).</summary>
    public bool SetSort(string? column, bool? descending, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var sort = column is not null && known.Contains(column, StringComparer.Ordinal) ? column : DefaultSort;
        var desc = descending ?? (sort == DefaultSort && DefaultDescending);
        if (sort == Sort && desc == Descending)
        {
            return false;
        }

        Sort = sort;
        Descending = desc;
        return true;
    }

    /// <summary>The direction a click on <paramref name="column"/>'s header asks for: flipped on the sorted column, else ascending (age: newest first).</summary>
    public bool NextDescending(string column, bool startsDescending = false) => column == Sort ? !Descending : startsDescending;

    /// <summary>Whether every word occurs in one of <paramref name="fields"/>.</summary>
    public bool MatchesTerms(params ReadOnlySpan<string?> fields)
    {
        foreach (var term in _terms)
        {
            var found = false;
            foreach (var field in fields)
            {
                if (field?.Contains(term, StringComparison.OrdinalIgnoreCase) == true)
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    public bool HasTerms => _terms.Length > 0;
}
