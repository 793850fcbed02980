namespace KubeMesos.Dashboard.Model;

/// <summary>One keyboard shortcut as the help dialog lists it.</summary>
public sealed record Shortcut(string Keys, string Description, string? Href = null);

/// <summary>What a key press asks for.</summary>
public enum ShortcutAction { None, Navigate, Help, Palette, ToggleTheme, AwaitSecondKey }

/// <summary>
/// The dashboard's keyboard shortcuts: <c>g</c> then a letter goes to a page (<c>g o</c> Overview, <c>g s</c>
/// Scheduling, ...), <c>?</c> opens the help, <c>Ctrl+K</c> or <c>/</c> the command palette, <c>t</c> toggles dark
/// mode. Keys typed into a field never reach it (the JS module filters them). Holds the "g was pressed" state of one
/// circuit; not thread-safe (used on the renderer's thread).
/// </summary>
public sealed class ShortcutMap
{
    public static IReadOnlyList<Shortcut> GoTo { get; } =
    [
        new("g o", "Overview", ""),
        new("g s", "Scheduling", "scheduling"),
        new("g a", "Agents", "agents"),
        new("g p", "Pods", "pods"),
        new("g v", "Services", "services"),
        new("g r", "Replication controllers", "replicationcontrollers"),
        new("g l", "Labels", "labels"),
        new("g e", "Events", "events"),
    ];

    public static IReadOnlyList<Shortcut> Others { get; } =
    [
        new("Ctrl+K or /", "Search pods, services, replication controllers and agents"),
        new("?", "Show these shortcuts"),
        new("t", "Toggle dark mode"),
        new("Esc", "Close a dialog"),
    ];

    private bool _afterG;

    /// <summary>Interprets one key (<see cref="KeyboardEventArgs.Key"/> style: "g", "?", "k" with ctrl).</summary>
    /// <returns>The action and, for <see cref="ShortcutAction.Navigate"/>, the relative address.</returns>
    public (ShortcutAction Action, string? Href) Press(string key, bool ctrl = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (ctrl)
        {
            _afterG = false;
            return key is "k" or "K" ? (ShortcutAction.Palette, null) : (ShortcutAction.None, null);
        }

        if (_afterG)
        {
            _afterG = false;
            var target = GoTo.FirstOrDefault(s => s.Keys == "g " + key.ToLowerInvariant());
            return target is null ? (ShortcutAction.None, null) : (ShortcutAction.Navigate, target.Href);
        }

        switch (key)
        {
            case "g":
                _afterG = true;
                return (ShortcutAction.AwaitSecondKey, null);
            case "?":
                return (ShortcutAction.Help, null);
            case "/":
                return (ShortcutAction.Palette, null);
            case "t":
                return (ShortcutAction.ToggleTheme, null);
            default:
                return (ShortcutAction.None, null);
        }
    }
}
