using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>One container port row. A host port of 0 (or none) asks for any free port of the offer.</summary>
public sealed class PortForm
{
    public int? ContainerPort { get; set; }

    public int? HostPort { get; set; }

    public string Protocol { get; set; } = "TCP";

    public string Name { get; set; } = "";
}

/// <summary>Requests or limits: the three resources the scheduler matches against offers.</summary>
public sealed class ResourceForm
{
    public static readonly string[] Names = ["cpu", "memory", "ephemeral-storage"];

    public string Cpu { get; set; } = "";

    public string Memory { get; set; } = "";

    public string EphemeralStorage { get; set; } = "";

    public string this[string name]
    {
        get => name switch { "cpu" => Cpu, "memory" => Memory, "ephemeral-storage" => EphemeralStorage, _ => throw new ArgumentOutOfRangeException(nameof(name)) };
        set
        {
            switch (name)
            {
                case "cpu": Cpu = value; break;
                case "memory": Memory = value; break;
                case "ephemeral-storage": EphemeralStorage = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(name));
            }
        }
    }

    /// <summary>The quantities typed; an unparsable one is reported on its field (API path) and left out.</summary>
    public Dictionary<string, ResourceQuantity>? ToQuantities(string path, FormErrors errors)
    {
        var result = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            var text = this[name];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var field = $"{path}[{name}]";
            if (QuantityValidation.TryParse(text, field, out var error) is { } quantity)
            {
                result[name] = quantity;
            }
            else
            {
                errors.Add(field, error!.Message);
            }
        }

        return result.Count == 0 ? null : result;
    }

    public void Set(IDictionary<string, ResourceQuantity>? quantities)
    {
        foreach (var name in Names)
        {
            this[name] = quantities?.TryGetValue(name, out var q) == true ? q.ToString() : "";
        }
    }
}

/// <summary>One container of a pod form: name, image, command and args, ports, requests and limits.</summary>
public sealed class ContainerForm
{
    public string Name { get; set; } = "";

    public string Image { get; set; } = "";

    /// <summary>The command (entrypoint) on one line, words split as a shell would (<see cref="ShellWords"/>).</summary>
    public string Command { get; set; } = "";

    public string Args { get; set; } = "";

    public List<PortForm> Ports { get; } = [];

    public ResourceForm Requests { get; } = new();

    public ResourceForm Limits { get; } = new();

    /// <summary>Everything the container's fields show, as one string (unparsed text included): its editor renders when it changes.</summary>
    public string Signature() => string.Join('\u001f', new[] { Name, Image, Command, Args }
        .Concat(Ports.Select(p => $"{p.ContainerPort}/{p.HostPort}/{p.Protocol}/{p.Name}"))
        .Concat(ResourceForm.Names.Select(n => Requests[n]))
        .Concat(ResourceForm.Names.Select(n => Limits[n])));

    /// <summary>The form fields of this container at <paramref name="path"/> (<c>spec.containers[0]</c>).</summary>
    public IEnumerable<string> Fields(string path)
    {
        yield return path;
        foreach (var field in new[] { "name", "image", "command", "args", "ports" })
        {
            yield return $"{path}.{field}";
        }

        foreach (var kind in new[] { "requests", "limits" })
        {
            foreach (var name in ResourceForm.Names)
            {
                yield return $"{path}.resources.{kind}[{name}]";
            }
        }

        for (var j = 0; j < Ports.Count; j++)
        {
            yield return $"{path}.ports[{j}]";
            foreach (var field in new[] { "containerPort", "hostPort", "protocol", "name" })
            {
                yield return $"{path}.ports[{j}].{field}";
            }
        }
    }

    /// <summary>The container; what cannot be parsed (a quantity, an unclosed quote) is reported on its field.</summary>
    public V1Container ToContainer(string path, FormErrors errors)
    {
        var requests = Requests.ToQuantities($"{path}.resources.requests", errors);
        var limits = Limits.ToQuantities($"{path}.resources.limits", errors);
        return new V1Container
        {
            Name = Name.Trim(),
            Image = Image.Trim(),
            Command = Words(Command, $"{path}.command", errors),
            Args = Words(Args, $"{path}.args", errors),
            Ports = Ports.Count == 0 ? null : Ports.Select(p => new V1ContainerPort
            {
                ContainerPort = p.ContainerPort ?? 0,
                HostPort = p.HostPort is null or 0 ? null : p.HostPort,
                Protocol = p.Protocol,
                Name = string.IsNullOrWhiteSpace(p.Name) ? null : p.Name.Trim(),
            }).ToList(),
            Resources = requests is null && limits is null ? null : new V1ResourceRequirements { Requests = requests, Limits = limits },
        };
    }

    public static ContainerForm From(V1Container container)
    {
        var form = new ContainerForm
        {
            Name = container.Name ?? "",
            Image = container.Image ?? "",
            Command = ShellWords.Join(container.Command),
            Args = ShellWords.Join(container.Args),
        };
        form.Ports.AddRange((container.Ports ?? []).Select(p => new PortForm
        {
            ContainerPort = p.ContainerPort,
            HostPort = p.HostPort,
            Protocol = p.Protocol ?? "TCP",
            Name = p.Name ?? "",
        }));
        form.Requests.Set(container.Resources?.Requests);
        form.Limits.Set(container.Resources?.Limits);
        return form;
    }

    private static List<string>? Words(string line, string field, FormErrors errors)
    {
        var words = ShellWords.Split(line, out var error);
        if (error is not null)
        {
            errors.Add(field, error);
        }

        return words is { Count: > 0 } ? words : null;
    }
}
