using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// The namespace the app bar's picker chose, kept in the URL as the query parameter <c>ns</c> (absent: all
/// namespaces), so a link reproduces the view. Pages read it with
/// <c>[SupplyParameterFromQuery(Name = NamespaceQuery.Parameter)] public string? Namespace { get; set; }</c>, filter with
/// <see cref="Matches(string?, string)"/> and build their links with <see cref="Link"/> so the choice follows the
/// person from page to page.
/// </summary>
public static class NamespaceQuery
{
    public const string Parameter = "ns";

    /// <summary>What the picker shows for "no filter".</summary>
    public const string AllNamespaces = "All namespaces";

    /// <summary>The chosen namespace, or null for all (an empty or blank value means all too).</summary>
    public static string? Normalize(string? ns) => string.IsNullOrWhiteSpace(ns) ? null : ns.Trim();

    /// <summary>Whether an object in <paramref name="objectNamespace"/> is shown under the choice <paramref name="ns"/>.</summary>
    public static bool Matches(string? ns, string objectNamespace) =>
        Normalize(ns) is not { } chosen || string.Equals(chosen, objectNamespace, StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="path"/> (relative, e.g. <c>pods</c> or <c>pods/default/web?tab=yaml</c>) with <c>ns</c> set to the
    /// choice, or without it for all namespaces.
    /// </summary>
    public static string Link(string path, string? ns)
    {
        ArgumentNullException.ThrowIfNull(path);
        var chosen = Normalize(ns);
        var (bare, query) = path.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (path[..q], path[(q + 1)..]) : (path, "");
        var parts = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith(Parameter + "=", StringComparison.Ordinal) && p != Parameter)
            .ToList();
        if (chosen is not null)
        {
            parts.Insert(0, $"{Parameter}={Uri.EscapeDataString(chosen)}");
        }

        return parts.Count == 0 ? bare : $"{bare}?{string.Join('&', parts)}";
    }

    /// <summary>The current address with <c>ns</c> set (or removed), for <c>NavigateTo</c> with ReplaceHistoryEntry.</summary>
    public static string WithNamespace(NavigationManager navigation, string? ns)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        return navigation.GetUriWithQueryParameter(Parameter, Normalize(ns));
    }

    /// <summary>The namespace in the current address, or null.</summary>
    public static string? Current(NavigationManager navigation)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        var query = new Uri(navigation.Uri).Query;
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq] == Parameter)
            {
                return Normalize(Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' ')));
            }
        }

        return null;
    }

    /// <summary>Every namespace the live picture holds an object in, sorted, plus the chosen one if it has none yet.</summary>
    public static IReadOnlyList<string> Namespaces(ClusterSnapshot snapshot, string? chosen = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        // The pods' namespaces from the shared index: computed once per pods map, not per circuit and batch.
        names.UnionWith(PodIndex.Of(snapshot).Namespaces);

        foreach (var service in snapshot.Services.Values)
        {
            names.Add(service.Namespace);
        }

        foreach (var rc in snapshot.ReplicationControllers.Values)
        {
            names.Add(rc.Namespace);
        }

        if (Normalize(chosen) is { } ns)
        {
            names.Add(ns);
        }

        return [.. names];
    }
}
