using k8s.Models;
using KubeMesos.Shared.Contracts;
using KubeMesos.Shared.Labels;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>One port of a service: its port, the pods' port it forwards to (a number or a container port's name).</summary>
public sealed class ServicePortForm
{
    public string Name { get; set; } = "";

    public int? Port { get; set; }

    public string TargetPort { get; set; } = "";

    public string Protocol { get; set; } = "TCP";
}

/// <summary>The create-service form: name, namespace, selector (with the pods it matches now) and ports.</summary>
public sealed class CreateServiceModel : ObjectFormModel<V1Service>
{
    public const string PortsField = "spec.ports";

    private static readonly FormSchema ServiceSchema = FormSchema.Of(
        ("metadata", FormSchema.Metadata),
        ("spec", FormSchema.Of(("selector", null), ("ports", FormSchema.Of(("name", null), ("port", null), ("targetPort", null), ("protocol", null))))));

    public CreateServiceModel()
    {
        Selector.Add();
        AddPort();
    }

    public KeyValueMap Selector { get; } = new("spec.selector");

    public List<ServicePortForm> Ports { get; } = [];

    public void AddPort() => Ports.Add(new ServicePortForm());

    public void RemovePort(int index) => Ports.RemoveAt(index);

    public static string PortField(int index, string field) => $"{PortsField}[{index}].{field}";

    /// <summary>
    /// The pods of the form's namespace that the selector matches in <paramref name="snapshot"/> (the live feed),
    /// by the controllers' selector rules; none for an empty selector, which manages no endpoints.
    /// </summary>
    public IReadOnlyList<PodView> MatchingPods(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (Selector.ToMap() is not { } map)
        {
            return [];
        }

        var selector = LabelSelector.FromMatchLabels(map);
        var ns = Build().Metadata.NamespaceProperty;
        return snapshot.Pods.Values.Where(p => p.Namespace == ns && selector.Matches(p.Labels)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The selector as a label-selector query (<c>app=web,tier=front</c>), for a link to the matching pods.</summary>
    public string SelectorText => Selector.ToMap() is { } map ? LabelSelector.FromMatchLabels(map).ToString() : "";

    protected override FormSchema Schema => ServiceSchema;

    protected override IReadOnlyList<FieldError> ValidateObject(V1Service obj) => ServiceValidator.Validate(obj);

    protected override V1Service BuildObject(FormErrors errors) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Metadata(),
        Spec = new V1ServiceSpec
        {
            Selector = Selector.ToMap(),
            Ports = Ports.Select(p => new V1ServicePort
            {
                Name = string.IsNullOrWhiteSpace(p.Name) ? null : p.Name.Trim(),
                Port = p.Port ?? 0,
                Protocol = p.Protocol,
                TargetPort = string.IsNullOrWhiteSpace(p.TargetPort) ? null : TargetOf(p.TargetPort.Trim()),
            }).ToList(),
        },
    };

    protected override IEnumerable<string> OwnFields() =>
        Selector.Fields().Append(PortsField).Concat(Ports.SelectMany((_, i) => new[]
        {
            $"{PortsField}[{i}]", PortField(i, "name"), PortField(i, "port"), PortField(i, "targetPort"), PortField(i, "protocol"),
        }));

    protected override IReadOnlyList<string> CheckRows(FormErrors errors) => Selector.Check(errors);

    protected override void LoadObject(V1Service obj)
    {
        Selector.Set(obj.Spec?.Selector);
        Ports.Clear();
        Ports.AddRange((obj.Spec?.Ports ?? []).Select(p => new ServicePortForm
        {
            Name = p.Name ?? "",
            Port = p.Port,
            TargetPort = p.TargetPort?.Value ?? "",
            Protocol = p.Protocol ?? "TCP",
        }));
    }

    /// <summary>A number stays a number in the YAML (<c>targetPort: 8080</c>), a name stays a string.</summary>
    private static IntOrString TargetOf(string text) => int.TryParse(text, out var number) ? (IntOrString)number : (IntOrString)text;
}
