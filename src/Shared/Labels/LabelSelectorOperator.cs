namespace KubeMesos.Shared.Labels;

/// <summary>The operators of a label requirement, as in k8s.io/apimachinery/pkg/selection.</summary>
public enum LabelSelectorOperator
{
    /// <summary><c>key=value</c> (also written <c>key==value</c>).</summary>
    Equals,

    /// <summary><c>key!=value</c>: also true when the label is absent.</summary>
    NotEquals,

    /// <summary><c>key in (a,b)</c>.</summary>
    In,

    /// <summary><c>key notin (a,b)</c>: also true when the label is absent.</summary>
    NotIn,

    /// <summary><c>key</c>.</summary>
    Exists,

    /// <summary><c>!key</c>.</summary>
    DoesNotExist,
}
