using k8s.Models;

namespace KubeMesos.Shared.Validation;

/// <summary>
/// The checks the API server makes of a replication controller: replicas not negative, a non-empty selector that
/// the template's labels satisfy, and a template that is a valid pod.
/// </summary>
public static class ReplicationControllerValidator
{
    public static IReadOnlyList<FieldError> Validate(V1ReplicationController rc)
    {
        ArgumentNullException.ThrowIfNull(rc);
        var errors = new List<FieldError>(MetadataValidator.Validate(rc.Metadata));
        var spec = rc.Spec;
        if (spec is null)
        {
            errors.Add(new FieldError("spec", "Required value"));
            return errors;
        }

        if (spec.Replicas is < 0)
        {
            errors.Add(new FieldError("spec.replicas", $"Invalid value: {spec.Replicas}: must be greater than or equal to 0"));
        }

        if (spec.MinReadySeconds is < 0)
        {
            errors.Add(new FieldError("spec.minReadySeconds", $"Invalid value: {spec.MinReadySeconds}: must be greater than or equal to 0"));
        }

        var selector = spec.Selector;
        if (selector is not { Count: > 0 })
        {
            errors.Add(new FieldError("spec.selector", "Required value"));
        }
        else
        {
            errors.AddRange(MetadataValidator.ValidateLabels(selector, "spec.selector"));
        }

        var template = spec.Template;
        if (template is null)
        {
            errors.Add(new FieldError("spec.template", "Required value"));
            return errors;
        }

        var labels = template.Metadata?.Labels ?? new Dictionary<string, string>();
        if (selector is { Count: > 0 } && !selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value))
        {
            errors.Add(new FieldError("spec.template.metadata.labels",
                $"Invalid value: {Print(labels)}: `selector` does not match template `labels`"));
        }

        // The template is a pod without a name: validate it as one, then re-root the field paths.
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "template", Labels = template.Metadata?.Labels }, Spec = template.Spec };
        foreach (var error in PodValidator.Validate(pod))
        {
            errors.Add(error with { Field = "spec.template." + error.Field });
        }

        return errors;
    }

    private static string Print(IDictionary<string, string> labels) =>
        "map[string]string{" + string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"\"{l.Key}\":\"{l.Value}\"")) + "}";
}
