using System.Text;

namespace KubeMesos.Shared.Labels;

/// <summary>
/// One requirement of a selector: a key, an operator and its values (sorted, distinct; one value for
/// <see cref="LabelSelectorOperator.Equals"/>/<see cref="LabelSelectorOperator.NotEquals"/>, none for the existence
/// operators). Immutable; build through <see cref="LabelSelector"/>, which validates.
/// </summary>
public sealed class LabelRequirement : IEquatable<LabelRequirement>
{
    private readonly HashSet<string> _valueSet;

    internal LabelRequirement(string key, LabelSelectorOperator @operator, IEnumerable<string> values)
    {
        Key = key;
        Operator = @operator;
        Values = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _valueSet = new HashSet<string>(Values, StringComparer.Ordinal);
    }

    public string Key { get; }

    public LabelSelectorOperator Operator { get; }

    public IReadOnlyList<string> Values { get; }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelSelectorOperator.Equals or LabelSelectorOperator.In => present && _valueSet.Contains(value!),
            // As in Kubernetes: a missing label satisfies != and notin.
            LabelSelectorOperator.NotEquals or LabelSelectorOperator.NotIn => !present || !_valueSet.Contains(value!),
            LabelSelectorOperator.Exists => present,
            LabelSelectorOperator.DoesNotExist => !present,
            _ => false,
        };
    }

    /// <summary>Kubernetes' canonical form: <c>k=v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Operator == LabelSelectorOperator.DoesNotExist)
        {
            text.Append('!');
        }

        text.Append(Key);
        switch (Operator)
        {
            case LabelSelectorOperator.Equals:
                text.Append('=').Append(Values[0]);
                break;
            case LabelSelectorOperator.NotEquals:
                text.Append("!=").Append(Values[0]);
                break;
            case LabelSelectorOperator.In:
                text.Append(" in (").AppendJoin(',', Values).Append(')');
                break;
            case LabelSelectorOperator.NotIn:
                text.Append(" notin (").AppendJoin(',', Values).Append(')');
                break;
        }

        return text.ToString();
    }

    public bool Equals(LabelRequirement? other) =>
        other is not null && Key == other.Key && Operator == other.Operator && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as LabelRequirement);

    public override int GetHashCode() => HashCode.Combine(Key, Operator, Values.Count);
}
