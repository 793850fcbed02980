using Microsoft.AspNetCore.Components;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// List and tab state lives in the URL's query, so a link reproduces the view: a control changes the query (replacing
/// the history entry, as Aspire's filters do) and the page reads it back through <c>[SupplyParameterFromQuery]</c>.
/// </summary>
public static class QueryState
{
    public const string Namespace = "ns";
    public const string Search = "q";
    public const string Selector = "selector";
    public const string Sort = "sort";
    public const string Direction = "dir";
    public const string Tab = "tab";
    public const string Phase = "phase";

    /// <summary>Sets the given query parameters (null or empty removes one) and replaces the history entry.</summary>
    public static void Replace(NavigationManager navigation, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        ArgumentNullException.ThrowIfNull(parameters);
        var cleaned = parameters.ToDictionary(p => p.Key, p => p.Value is string { Length: 0 } ? null : p.Value, StringComparer.Ordinal);
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(cleaned), new NavigationOptions { ReplaceHistoryEntry = true });
    }

    public static void Replace(NavigationManager navigation, string name, object? value) =>
        Replace(navigation, new Dictionary<string, object?> { [name] = value });

    /// <summary><c>asc</c>/<c>desc</c> to a direction; null when absent or unknown.</summary>
    public static bool? DescendingOf(string? direction) => direction switch
    {
        "desc" => true,
        "asc" => false,
        _ => null,
    };

    public static string DirectionOf(bool descending) => descending ? "desc" : "asc";

    /// <summary>A relative link that keeps the namespace choice (<c>ns</c>), with more query parameters when given.</summary>
    public static string Link(string path, string? @namespace, params (string Name, string? Value)[] query)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(@namespace))
        {
            parts.Add($"{Namespace}={Uri.EscapeDataString(@namespace)}");
        }

        foreach (var (name, value) in query)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        return parts.Count == 0 ? path : $"{path}?{string.Join('&', parts)}";
    }

    /// <summary>A selector as <c>k=v,k2=v2</c>, keys in order (for links to the pods a service or RC selects).</summary>
    public static string SelectorText(IReadOnlyDictionary<string, string> selector) =>
        string.Join(',', selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
