using k8s.Models;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>
/// What a pod and a replication controller's pod template share: labels, containers, node selector and the
/// placement strategy (the <c>kubemesos.io/placement-strategy</c> annotation; none = the cluster's default).
/// The paths say where it sits in its object (<c>metadata</c>/<c>spec</c>, or <c>spec.template.…</c>).
/// </summary>
public sealed class PodTemplateForm
{
    public static readonly IReadOnlyList<string> Strategies = Enum.GetNames<PlacementStrategy>();

    public PodTemplateForm(string metadataPath, string specPath)
    {
        MetadataPath = metadataPath;
        SpecPath = specPath;
        Labels = new KeyValueMap(metadataPath + ".labels");
        NodeSelector = new KeyValueMap(specPath + ".nodeSelector");
        Containers.Add(new ContainerForm());
    }

    public string MetadataPath { get; }

    public string SpecPath { get; }

    public KeyValueMap Labels { get; }

    public KeyValueMap NodeSelector { get; }

    public List<ContainerForm> Containers { get; } = [];

    /// <summary>FirstFit, Spread or BinPack; null for the cluster's default.</summary>
    public string? Strategy { get; set; }

    /// <summary>Annotations of the pod that the form does not edit, kept as imported.</summary>
    public Dictionary<string, string> OtherAnnotations { get; } = new(StringComparer.Ordinal);

    public string ContainerPath(int index) => $"{SpecPath}.containers[{index}]";

    public string ContainersField => SpecPath + ".containers";

    public void AddContainer() => Containers.Add(new ContainerForm());

    public void RemoveContainer(int index) => Containers.RemoveAt(index);

    public IEnumerable<string> Fields() =>
        Labels.Fields().Concat(NodeSelector.Fields()).Append(ContainersField)
            .Concat(Containers.SelectMany((c, i) => c.Fields(ContainerPath(i))));

    public V1ObjectMeta ToMetadata(V1ObjectMeta metadata)
    {
        metadata.Labels = Labels.ToMap();
        var annotations = new Dictionary<string, string>(OtherAnnotations, StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(Strategy))
        {
            annotations[PodRequirements.StrategyAnnotation] = Strategy;
        }

        metadata.Annotations = annotations.Count == 0 ? null : annotations;
        return metadata;
    }

    public V1PodSpec ToSpec(FormErrors errors) => new()
    {
        Containers = Containers.Select((c, i) => c.ToContainer(ContainerPath(i), errors)).ToList(),
        NodeSelector = NodeSelector.ToMap(),
    };

    /// <summary>The pod this template makes in <paramref name="namespace"/>, as the fit dry run takes it (what does not parse is left out).</summary>
    public V1Pod ToFitProbe(string @namespace) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = ToMetadata(new V1ObjectMeta { Name = "fit-dry-run", NamespaceProperty = @namespace }),
        Spec = ToSpec(new FormErrors()),
    };

    /// <summary>Row checks of the label maps; the messages they produced (map-level copies are dropped).</summary>
    public IReadOnlyList<string> CheckRows(FormErrors errors) => [.. Labels.Check(errors), .. NodeSelector.Check(errors)];

    public void Load(V1ObjectMeta? metadata, V1PodSpec? spec)
    {
        Labels.Set(metadata?.Labels);
        OtherAnnotations.Clear();
        Strategy = null;
        foreach (var (key, value) in metadata?.Annotations ?? new Dictionary<string, string>())
        {
            if (key == PodRequirements.StrategyAnnotation && Strategies.FirstOrDefault(s => s.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                Strategy = known;
            }
            else
            {
                OtherAnnotations[key] = value;
            }
        }

        NodeSelector.Set(spec?.NodeSelector);
        Containers.Clear();
        Containers.AddRange((spec?.Containers ?? []).Select(ContainerForm.From));
        if (Containers.Count == 0)
        {
            Containers.Add(new ContainerForm());
        }
    }
}
