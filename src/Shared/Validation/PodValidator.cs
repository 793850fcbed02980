using k8s.Models;

namespace KubeMesos.Shared.Validation;

/// <summary>The checks the API server makes of a pod that this cluster can run, field by field.</summary>
public static class PodValidator
{
    public static IReadOnlyList<FieldError> Validate(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var errors = new List<FieldError>();
        Add(errors, "metadata.name", KubernetesNames.ValidateDns1123Subdomain(pod.Metadata?.Name));
        if (pod.Metadata?.NamespaceProperty is { Length: > 0 } ns)
        {
            Add(errors, "metadata.namespace", KubernetesNames.ValidateDns1123Label(ns));
        }

        foreach (var (key, value) in pod.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            Add(errors, $"metadata.labels", KubernetesNames.ValidateLabelKey(key).Select(m => $"\"{key}\": {m}"));
            Add(errors, $"metadata.labels", KubernetesNames.ValidateLabelValue(value).Select(m => $"\"{value}\": {m}"));
        }

        var containers = pod.Spec?.Containers;
        if (containers is not { Count: > 0 })
        {
            errors.Add(new FieldError("spec.containers", "Required value"));
            return errors;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i];
            var path = $"spec.containers[{i}]";
            Add(errors, $"{path}.name", KubernetesNames.ValidateDns1123Label(container.Name));
            if (container.Name is { } name && !names.Add(name))
            {
                errors.Add(new FieldError($"{path}.name", $"Duplicate value: \"{name}\""));
            }

            if (string.IsNullOrWhiteSpace(container.Image))
            {
                errors.Add(new FieldError($"{path}.image", "Required value"));
            }

            ValidateQuantities(errors, $"{path}.resources.requests", container.Resources?.Requests);
            ValidateQuantities(errors, $"{path}.resources.limits", container.Resources?.Limits);
        }

        return errors;
    }

    private static void ValidateQuantities(List<FieldError> errors, string path, IDictionary<string, ResourceQuantity>? quantities)
    {
        foreach (var (name, quantity) in quantities ?? new Dictionary<string, ResourceQuantity>())
        {
            decimal value;
            try
            {
                value = quantity.ToDecimal();
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                errors.Add(new FieldError($"{path}[{name}]", $"Invalid value: \"{quantity}\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
                continue;
            }

            if (value <= 0 && name is "cpu" or "memory")
            {
                errors.Add(new FieldError($"{path}[{name}]", $"Invalid value: \"{quantity}\": must be greater than 0"));
            }
        }
    }

    private static void Add(List<FieldError> errors, string field, IEnumerable<string> messages) =>
        errors.AddRange(messages.Select(m => new FieldError(field, m)));
}
