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
            Add(errors, "metadata.labels", KubernetesNames.ValidateLabelKey(key), of: key);
            Add(errors, "metadata.labels", KubernetesNames.ValidateLabelValue(value), of: value);
        }

        errors.AddRange(MetadataValidator.ValidateAnnotations(pod.Metadata?.Annotations));
        errors.AddRange(MetadataValidator.ValidateLabels(pod.Spec?.NodeSelector, "spec.nodeSelector"));
        var containers = pod.Spec?.Containers;
        if (containers is not { Count: > 0 })
        {
            errors.Add(new FieldError("spec.containers", "Required value"));
            return errors;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var portNames = new HashSet<string>(StringComparer.Ordinal);
        var hostPorts = new HashSet<(int, string)>();
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
            ValidatePorts(errors, path, container.Ports, portNames, hostPorts);
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
                errors.Add(new FieldError($"{path}[{name}]", $"Invalid value: \"{quantity}\": {QuantityValidation.PatternMessage}"));
                continue;
            }

            if (value <= 0 && name is "cpu" or "memory")
            {
                errors.Add(new FieldError($"{path}[{name}]", $"Invalid value: \"{quantity}\": must be greater than 0"));
            }
        }
    }

    /// <summary>
    /// Container ports: numbers in range, a known protocol, names unique in the pod, no container port twice in a
    /// container and no host port twice in the pod (per protocol).
    /// </summary>
    private static void ValidatePorts(List<FieldError> errors, string containerPath, IList<V1ContainerPort>? ports, HashSet<string> portNames, HashSet<(int, string)> hostPorts)
    {
        var containerPorts = new HashSet<(int, string)>();
        for (var j = 0; j < (ports?.Count ?? 0); j++)
        {
            var port = ports![j];
            var path = $"{containerPath}.ports[{j}]";
            errors.AddRange(PortValidation.ValidateNumber(port.ContainerPort, $"{path}.containerPort"));
            if (port.HostPort is { } hostPort and not 0)
            {
                errors.AddRange(PortValidation.ValidateNumber(hostPort, $"{path}.hostPort"));
            }

            var protocol = port.Protocol ?? "TCP";
            if (protocol is not ("TCP" or "UDP" or "SCTP"))
            {
                errors.Add(new FieldError($"{path}.protocol", $"Unsupported value: \"{protocol}\": supported values: \"SCTP\", \"TCP\", \"UDP\""));
            }

            if (!string.IsNullOrEmpty(port.Name))
            {
                errors.AddRange(PortValidation.ValidatePortName(port.Name, $"{path}.name"));
                if (!portNames.Add(port.Name))
                {
                    errors.Add(new FieldError($"{path}.name", $"Duplicate value: \"{port.Name}\""));
                }
            }

            if (!containerPorts.Add((port.ContainerPort, protocol)))
            {
                errors.Add(new FieldError($"{path}.containerPort", $"Duplicate value: \"{port.ContainerPort}/{protocol}\""));
            }

            if (port.HostPort is { } host and > 0 && !hostPorts.Add((host, protocol)))
            {
                errors.Add(new FieldError($"{path}.hostPort", $"Duplicate value: \"{host}/{protocol}\""));
            }
        }
    }

    /// <param name="of">The value the messages are about, quoted before each (a label's key or value).</param>
    private static void Add(List<FieldError> errors, string field, IReadOnlyList<string> messages, string? of = null)
    {
        // Indexed, no LINQ: every create validates its pod, and nearly every check finds nothing.
        for (var i = 0; i < messages.Count; i++)
        {
            errors.Add(new FieldError(field, of is null ? messages[i] : $"\"{of}\": {messages[i]}"));
        }
    }
}
