using k8s.Models;

namespace KubeMesos.Shared.Validation;

/// <summary>
/// The checks the API server makes of a service: a DNS-1123 label name, a valid selector map, ports in range with
/// unique names (required when there are several) and unique port/protocol pairs, a known type.
/// </summary>
public static class ServiceValidator
{
    private static readonly string[] Types = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];

    public static IReadOnlyList<FieldError> Validate(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var errors = new List<FieldError>(MetadataValidator.Validate(service.Metadata, nameIsLabel: true));
        var spec = service.Spec;
        if (spec is null)
        {
            errors.Add(new FieldError("spec", "Required value"));
            return errors;
        }

        if (spec.Type is { } type && !Types.Contains(type, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("spec.type", $"Unsupported value: \"{type}\": supported values: \"{string.Join("\", \"", Types)}\""));
        }

        errors.AddRange(MetadataValidator.ValidateLabels(spec.Selector, "spec.selector"));
        var ports = spec.Ports ?? [];
        if (ports.Count == 0 && spec.Type != "ExternalName" && spec.ClusterIP != "None")
        {
            errors.Add(new FieldError("spec.ports", "Required value"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<(int, string)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var path = $"spec.ports[{i}]";
            if (string.IsNullOrEmpty(port.Name))
            {
                if (ports.Count > 1)
                {
                    errors.Add(new FieldError($"{path}.name", "Required value"));
                }
            }
            else
            {
                errors.AddRange(KubernetesNames.ValidateDns1123Label(port.Name).Select(m => new FieldError($"{path}.name", $"Invalid value: \"{port.Name}\": {m}")));
                if (!names.Add(port.Name))
                {
                    errors.Add(new FieldError($"{path}.name", $"Duplicate value: \"{port.Name}\""));
                }
            }

            if (port.Port is < 1 or > 65535)
            {
                errors.Add(new FieldError($"{path}.port", $"Invalid value: {port.Port}: must be between 1 and 65535, inclusive"));
            }

            var protocol = port.Protocol ?? "TCP";
            if (!Protocols.Contains(protocol, StringComparer.Ordinal))
            {
                errors.Add(new FieldError($"{path}.protocol", $"Unsupported value: \"{protocol}\": supported values: \"SCTP\", \"TCP\", \"UDP\""));
            }
            else if (!numbers.Add((port.Port, protocol)))
            {
                errors.Add(new FieldError($"{path}", $"Duplicate value: {{\"port\": {port.Port}, \"protocol\": \"{protocol}\"}}"));
            }

            if (port.NodePort is { } nodePort && nodePort is < 1 or > 65535)
            {
                errors.Add(new FieldError($"{path}.nodePort", $"Invalid value: {nodePort}: must be between 1 and 65535, inclusive"));
            }

            if (port.TargetPort is { } target)
            {
                errors.AddRange(PortValidation.ValidateTarget(target.Value, $"{path}.targetPort"));
            }
        }

        return errors;
    }
}
