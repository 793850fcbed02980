namespace KubeMesos.Shared.Labels;

/// <summary>
/// A label selector that is not valid: bad syntax (with the <see cref="Position"/> of the offending token) or a key,
/// value or operator that Kubernetes would reject (<see cref="Position"/> null for structured selectors).
/// </summary>
public sealed class LabelSelectorParseException(string message, string selector, int? position) : FormatException(message)
{
    /// <summary>The selector text (or a rendering of the structured selector) that failed.</summary>
    public string Selector { get; } = selector;

    /// <summary>Zero-based character offset of the offending token, when parsing text.</summary>
    public int? Position { get; } = position;
}
