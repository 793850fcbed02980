using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>One search hit of the command palette: what it is, its name, where Enter goes.</summary>
public sealed record PaletteItem(string Kind, string Name, string? Namespace, string Href)
{
    public string Title => Namespace is null ? Name : $"{Namespace}/{Name}";
}

/// <summary>
/// The command palette (Ctrl+K): pages and the live picture's pods, services, replication controllers and agents, searched by a text that every word of must appear in the name; names that start with the
/// text come first. The selection moves with the arrow keys and Enter opens it.
/// </summary>
public sealed class CommandPaletteModel
{
    /// <summary>The most hits listed; the palette is for finding one thing, not browsing.</summary>
    public const int MaxResults = 12;

    private IReadOnlyList<PaletteItem> _results = [];

    public string Query { get; private set; } = "";

    public IReadOnlyList<PaletteItem> Results => _results;

    public int Selected { get; private set; }

    public PaletteItem? SelectedItem => Selected < _results.Count ? _results[Selected] : null;

    public void Search(ClusterSnapshot snapshot, string? query)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Query = query?.Trim() ?? "";
        _results = Find(snapshot, Query);
        Selected = 0;
    }

    public void MoveDown() => Selected = _results.Count == 0 ? 0 : Math.Min(Selected + 1, _results.Count - 1);

    public void MoveUp() => Selected = Math.Max(Selected - 1, 0);

    public static IReadOnlyList<PaletteItem> Find(ClusterSnapshot snapshot, string query)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var candidates = Candidates(snapshot);
        return [.. candidates
            .Where(c => words.All(w => c.Title.Contains(w, StringComparison.OrdinalIgnoreCase) || c.Kind.Equals(w, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => words.Length > 0 && c.Name.StartsWith(words[0], StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(c => KindOrder(c.Kind))
            .ThenBy(c => c.Title, StringComparer.Ordinal)
            .Take(MaxResults)];
    }

    private static int KindOrder(string kind) => kind switch
    {
        "Page" => 0,
        "Pod" => 1,
        "Service" => 2,
        "Replication controller" => 3,
        _ => 4,
    };

    private static IEnumerable<PaletteItem> Candidates(ClusterSnapshot snapshot)
    {
        foreach (var page in ShortcutMap.GoTo)
        {
            yield return new PaletteItem("Page", page.Description, null, page.Href ?? "");
        }

        foreach (var pod in snapshot.Pods.Values)
        {
            yield return new PaletteItem("Pod", pod.Name, pod.Namespace, $"pods/{Uri.EscapeDataString(pod.Namespace)}/{Uri.EscapeDataString(pod.Name)}");
        }

        foreach (var service in snapshot.Services.Values)
        {
            yield return new PaletteItem("Service", service.Name, service.Namespace, $"services/{Uri.EscapeDataString(service.Namespace)}/{Uri.EscapeDataString(service.Name)}");
        }

        foreach (var rc in snapshot.ReplicationControllers.Values)
        {
            yield return new PaletteItem("Replication controller", rc.Name, rc.Namespace, $"replicationcontrollers/{Uri.EscapeDataString(rc.Namespace)}/{Uri.EscapeDataString(rc.Name)}");
        }

        foreach (var agent in snapshot.Agents.Values)
        {
            yield return new PaletteItem("Agent", agent.Hostname, null, "agents/" + Uri.EscapeDataString(agent.AgentId));
        }
    }
}
