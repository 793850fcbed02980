namespace KubeMesos.Dashboard.Model;

/// <summary>One key/value row of a label, selector or node selector editor.</summary>
public sealed class LabelRow
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}
