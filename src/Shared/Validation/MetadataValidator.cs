using k8s.Models;

namespace KubeMesos.Shared.Validation;

/// <summary>The checks the API server makes of every object's metadata: name, namespace, label keys and values.</summary>
public static class MetadataValidator
{
    /// <param name="namespaced">False for cluster-scoped kinds (namespaces, nodes): a namespace is then refused.</param>
    /// <param name="nameIsLabel">True where the name must be a DNS-1123 label (services, namespaces), else a subdomain.</param>
    public static IReadOnlyList<FieldError> Validate(V1ObjectMeta? metadata, bool namespaced = true, bool nameIsLabel = false)
    {
        var errors = new List<FieldError>();
        var name = metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new FieldError("metadata.name", "Required value: name or generateName is required"));
        }
        else
        {
            var messages = nameIsLabel ? KubernetesNames.ValidateDns1123Label(name) : KubernetesNames.ValidateDns1123Subdomain(name);
            errors.AddRange(messages.Select(m => new FieldError("metadata.name", $"Invalid value: \"{name}\": {m}")));
        }

        if (namespaced && metadata?.NamespaceProperty is { Length: > 0 } ns)
        {
            errors.AddRange(KubernetesNames.ValidateDns1123Label(ns).Select(m => new FieldError("metadata.namespace", $"Invalid value: \"{ns}\": {m}")));
        }
        else if (!namespaced && metadata?.NamespaceProperty is { Length: > 0 } stray)
        {
            errors.Add(new FieldError("metadata.namespace", $"Forbidden: not allowed on this type (\"{stray}\")"));
        }

        errors.AddRange(ValidateLabels(metadata?.Labels, "metadata.labels"));
        errors.AddRange(ValidateAnnotations(metadata?.Annotations));
        return errors;
    }

    /// <summary>The API server's annotation rules: keys are qualified names like label keys, values anything, 256 KiB in all.</summary>
    public static IReadOnlyList<FieldError> ValidateAnnotations(IDictionary<string, string>? annotations)
    {
        const int totalLimit = 256 * 1024;
        var errors = new List<FieldError>();
        long total = 0;
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            errors.AddRange(KubernetesNames.ValidateLabelKey(key).Select(m => new FieldError("metadata.annotations", $"Invalid value: \"{key}\": {m}")));
            total += key.Length + (value?.Length ?? 0);
        }

        if (total > totalLimit)
        {
            errors.Add(new FieldError("metadata.annotations", $"Too long: may not be more than {totalLimit} bytes"));
        }

        return errors;
    }

    /// <summary>Label keys and values of a label map (object labels, a selector's map, a template's labels).</summary>
    public static IReadOnlyList<FieldError> ValidateLabels(IDictionary<string, string>? labels, string field)
    {
        var errors = new List<FieldError>();
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            errors.AddRange(KubernetesNames.ValidateLabelKey(key).Select(m => new FieldError(field, $"Invalid value: \"{key}\": {m}")));
            errors.AddRange(KubernetesNames.ValidateLabelValue(value).Select(m => new FieldError(field, $"Invalid value: \"{value}\": {m}")));
        }

        return errors;
    }
}
