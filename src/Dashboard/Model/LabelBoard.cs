namespace KubeMesos.Dashboard.Model;

/// <summary>What the label board groups: pods (which it can relabel) or agents (their node labels, read-only).</summary>
public enum BoardSubject
{
    Pods,
    Agents,
}

/// <summary>
/// One card of the board: a pod or an agent. <see cref="Key"/> is <c>namespace/name</c> for pods, the agent id for
/// agents; <see cref="Agent"/> is where a pod runs, or for an agent how many pods it runs.
/// </summary>
public sealed record BoardCard(
    string Key,
    string Name,
    string? Namespace,
    string? Phase,
    string? Agent,
    IReadOnlyDictionary<string, string> Labels,
    bool MatchesSelector);

/// <summary>One column: the cards whose label <see cref="LabelBoardModel.Key"/> has <see cref="Value"/> (null: the key is absent).</summary>
public sealed record BoardColumn(string? Value, IReadOnlyList<BoardCard> Cards)
{
    public const string NoValueTitle = "no value";

    public bool IsNoValue => Value is null;

    /// <summary>The value as shown; an empty value is shown as <c>""</c> so it is not mistaken for "no value".</summary>
    public string Title => Value switch
    {
        null => NoValueTitle,
        "" => "\"\"",
        var v => v,
    };

    /// <summary>How many of the cards the selector matches.</summary>
    public int Matching => Cards.Count(c => c.MatchesSelector);
}

/// <summary>A label key present on the board's subjects, with how many carry it.</summary>
public sealed record BoardKey(string Key, int Count);
