using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>The create-pod form: name, namespace and the pod template fields (<see cref="PodTemplateForm"/>).</summary>
public sealed class CreatePodModel : ObjectFormModel<V1Pod>
{
    private static readonly FormSchema PodSchema = FormSchema.Of(("metadata", FormSchema.Metadata), ("spec", FormSchema.PodSpec));

    public PodTemplateForm Pod { get; } = new("metadata", "spec");

    protected override FormSchema Schema => PodSchema;

    protected override IReadOnlyList<FieldError> ValidateObject(V1Pod obj) => PodValidator.Validate(obj);

    protected override V1Pod BuildObject(FormErrors errors) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = Pod.ToMetadata(Metadata()),
        Spec = Pod.ToSpec(errors),
    };

    protected override IEnumerable<string> OwnFields() => Pod.Fields();

    protected override IReadOnlyList<string> CheckRows(FormErrors errors) => Pod.CheckRows(errors);

    protected override void LoadObject(V1Pod obj) => Pod.Load(obj.Metadata, obj.Spec);
}
