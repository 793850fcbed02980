namespace KubeMesos.Shared.Labels;

/// <summary>
/// A Kubernetes label selector (equality- and set-based: <c>app=web,tier!=cache</c>, <c>env in (prod,staging)</c>,
/// <c>!canary</c>). Placeholder contract: parse, match and print land with the label-selector work.
/// </summary>
public sealed class LabelSelector
{
    public static readonly LabelSelector Everything = new();

    public bool Matches(IReadOnlyDictionary<string, string>? labels) => true;

    public override string ToString() => string.Empty;
}
