using System.Diagnostics.CodeAnalysis;
using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Shared.Labels;

/// <summary>
/// A Kubernetes label selector (equality- and set-based: <c>app=web,tier!=cache</c>, <c>env in (prod,staging)</c>,
/// <c>!canary</c>): the AND of its requirements. Immutable and thread-safe. Built from Kubernetes' text syntax
/// (<see cref="Parse"/>), from a map selector (<see cref="FromMatchLabels"/>, as services and replication controllers
/// carry) or from a <see cref="V1LabelSelector"/>; <see cref="ToString"/> prints the canonical text (requirements
/// sorted by key, set values sorted), which parses back to an equal selector.
/// </summary>
public sealed class LabelSelector : IEquatable<LabelSelector>
{
    /// <summary>The empty selector: matches every object.</summary>
    public static readonly LabelSelector Everything = new([]);

    private static readonly IReadOnlyDictionary<string, string> _noLabels = new Dictionary<string, string>();

    // An array, not the interface, so that Matches loops without allocating an enumerator per object matched.
    private readonly LabelRequirement[] _requirements;

    private LabelSelector(List<LabelRequirement> requirements)
    {
        // Stable by key, as Kubernetes sorts requirements by key; equal keys keep their written order.
        _requirements = requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<LabelRequirement> Requirements => _requirements;

    /// <summary>True when the selector has no requirements (and so matches everything).</summary>
    public bool IsEmpty => _requirements.Length == 0;

    /// <summary>Parses Kubernetes' selector syntax; null or blank text is <see cref="Everything"/>.</summary>
    /// <exception cref="LabelSelectorParseException">bad syntax, or an invalid key or value; the message says where and what was expected.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new LabelSelector(LabelSelectorParser.Parse(text));
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out LabelSelector? selector) => TryParse(text, out selector, out _);

    public static bool TryParse(string? text, [NotNullWhen(true)] out LabelSelector? selector, [NotNullWhen(false)] out string? error)
    {
        try
        {
            selector = Parse(text);
            error = null;
            return true;
        }
        catch (LabelSelectorParseException e)
        {
            selector = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The equality selector of a map (<c>spec.selector</c> of services and replication controllers, or
    /// <c>matchLabels</c>); null or empty is <see cref="Everything"/>. Whether an empty map should select anything is
    /// the caller's decision (a service without a selector gets no managed endpoints).
    /// </summary>
    /// <exception cref="LabelSelectorParseException">an invalid key or value.</exception>
    public static LabelSelector FromMatchLabels(IDictionary<string, string>? matchLabels)
    {
        if (matchLabels is null || matchLabels.Count == 0)
        {
            return Everything;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in matchLabels)
        {
            ValidateStructured(key, [value ?? string.Empty], "matchLabels");
            requirements.Add(new LabelRequirement(key, LabelSelectorOperator.Equals, [value ?? string.Empty]));
        }

        return new LabelSelector(requirements);
    }

    /// <summary>
    /// A <see cref="V1LabelSelector"/> (matchLabels AND matchExpressions In/NotIn/Exists/DoesNotExist). An empty
    /// selector is <see cref="Everything"/>. Kubernetes reads a <em>null</em> selector as "nothing": that case is the
    /// caller's to handle before calling this.
    /// </summary>
    /// <exception cref="LabelSelectorParseException">an unknown operator, values where none are allowed (or none where some are required), an invalid key or value.</exception>
    public static LabelSelector FromLabelSelector(V1LabelSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var requirements = new List<LabelRequirement>(FromMatchLabels(selector.MatchLabels).Requirements);
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var values = expression.Values ?? [];
            var op = expression.OperatorProperty switch
            {
                "In" => LabelSelectorOperator.In,
                "NotIn" => LabelSelectorOperator.NotIn,
                "Exists" => LabelSelectorOperator.Exists,
                "DoesNotExist" => LabelSelectorOperator.DoesNotExist,
                var other => throw StructuredError($"matchExpressions: \"{other}\" is not a valid label selector operator (In, NotIn, Exists, DoesNotExist)"),
            };
            var takesValues = op is LabelSelectorOperator.In or LabelSelectorOperator.NotIn;
            if (takesValues && values.Count == 0)
            {
                throw StructuredError($"matchExpressions: values must be non-empty for operator {expression.OperatorProperty} (key \"{expression.Key}\")");
            }

            if (!takesValues && values.Count > 0)
            {
                throw StructuredError($"matchExpressions: values must be empty for operator {expression.OperatorProperty} (key \"{expression.Key}\")");
            }

            ValidateStructured(expression.Key, values, "matchExpressions");
            requirements.Add(new LabelRequirement(expression.Key, op, values));
        }

        return new LabelSelector(requirements);
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        labels ??= _noLabels;
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Matches an object's labels (<see cref="V1ObjectMeta.Labels"/> is an <see cref="IDictionary{TKey, TValue}"/>).</summary>
    public bool Matches(V1ObjectMeta? metadata) => Matches(metadata?.Labels switch
    {
        null => null,
        // Deserialised labels are a Dictionary, which is already read-only-capable: no wrapper per object matched.
        IReadOnlyDictionary<string, string> readOnly => readOnly,
        var labels => labels.AsReadOnly(),
    });

    /// <summary>Kubernetes' canonical text: requirements sorted by key, joined by ','; empty for <see cref="Everything"/>.</summary>
    public override string ToString() => string.Join(',', Requirements);

    public bool Equals(LabelSelector? other) => other is not null && Requirements.SequenceEqual(other.Requirements);

    public override bool Equals(object? obj) => Equals(obj as LabelSelector);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    private static void ValidateStructured(string? key, IEnumerable<string> values, string field)
    {
        var keyErrors = KubernetesNames.ValidateLabelKey(key);
        if (keyErrors.Count > 0)
        {
            throw StructuredError($"{field}: invalid label key \"{key}\": {string.Join("; ", keyErrors)}");
        }

        foreach (var value in values)
        {
            var valueErrors = KubernetesNames.ValidateLabelValue(value);
            if (valueErrors.Count > 0)
            {
                throw StructuredError($"{field}: invalid label value \"{value}\" for key \"{key}\": {string.Join("; ", valueErrors)}");
            }
        }
    }

    private static LabelSelectorParseException StructuredError(string message) =>
        new($"invalid label selector: {message}", message, null);
}
