using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>
/// The create-replication-controller form: name, namespace, replicas, selector and a pod template edited like the
/// pod form. The selector must be satisfied by the template's labels (the validator's rule, shown inline on both).
/// </summary>
public sealed class CreateReplicationControllerModel : ObjectFormModel<V1ReplicationController>
{
    public const string ReplicasField = "spec.replicas";
    public const string TemplateLabelsField = "spec.template.metadata.labels";

    private static readonly FormSchema RcSchema = FormSchema.Of(
        ("metadata", FormSchema.Metadata),
        ("spec", FormSchema.Of(("replicas", null), ("selector", null), ("template", FormSchema.Of(("metadata", FormSchema.Metadata), ("spec", FormSchema.PodSpec))))));

    public CreateReplicationControllerModel() => Template.Labels.Add();

    public int? Replicas { get; set; } = 1;

    public KeyValueMap Selector { get; } = new("spec.selector");

    public PodTemplateForm Template { get; } = new("spec.template.metadata", "spec.template.spec");

    /// <summary>True when the selector has entries and every one is among the template's labels.</summary>
    public bool SelectorMatchesTemplate =>
        Selector.ToMap() is { } selector && Template.Labels.ToMap() is { } labels && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    /// <summary>Copies the template's labels into the selector (the usual case, one click).</summary>
    public void UseTemplateLabelsAsSelector()
    {
        Selector.Set(Template.Labels.ToMap());
        Errors.Touch(Selector.Path);
        Validate();
    }

    protected override FormSchema Schema => RcSchema;

    protected override IReadOnlyList<FieldError> ValidateObject(V1ReplicationController obj) => ReplicationControllerValidator.Validate(obj);

    protected override V1ReplicationController BuildObject(FormErrors errors) => new()
    {
        ApiVersion = "v1",
        Kind = "ReplicationController",
        Metadata = Metadata(),
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = Replicas ?? 0,
            Selector = Selector.ToMap(),
            Template = new V1PodTemplateSpec
            {
                Metadata = Template.ToMetadata(new V1ObjectMeta()),
                Spec = Template.ToSpec(errors),
            },
        },
    };

    protected override IEnumerable<string> OwnFields() => Template.Fields().Concat(Selector.Fields()).Append(ReplicasField);

    protected override IReadOnlyList<string> CheckRows(FormErrors errors) => [.. Selector.Check(errors), .. Template.CheckRows(errors)];

    protected override void LoadObject(V1ReplicationController obj)
    {
        Replicas = obj.Spec?.Replicas ?? 1;
        Selector.Set(obj.Spec?.Selector);
        Template.Load(obj.Spec?.Template?.Metadata, obj.Spec?.Template?.Spec);
    }
}
