using KubeMesos.Dashboard.Model.Forms;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Tests.Unit.Dashboard.Forms;

public sealed class CreateReplicationControllerModelTests
{
    private static CreateReplicationControllerModel Valid()
    {
        var form = new CreateReplicationControllerModel { Name = "web", Replicas = 3 };
        form.Template.Labels.Rows[0].Key = "app";
        form.Template.Labels.Rows[0].Value = "web";
        form.Selector.Add("app", "web");
        form.Template.Containers[0].Name = "main";
        form.Template.Containers[0].Image = "nginx";
        return form;
    }

    [Fact]
    public void Validate_Valid_NoErrorsAndSelectorMatches()
    {
        var form = Valid();

        Assert.True(form.Validate());
        Assert.True(form.SelectorMatchesTemplate);
        Assert.Equal(3, form.Build().Spec.Replicas);
    }

    [Fact]
    public void Validate_SelectorNotInTemplateLabels_ErrorOnTemplateLabels()
    {
        var form = Valid();
        form.Selector.Rows[0].Value = "api";

        Assert.False(form.Validate());
        Assert.False(form.SelectorMatchesTemplate);
        Assert.Contains("`selector` does not match template `labels`", form.Errors.ByField[CreateReplicationControllerModel.TemplateLabelsField][0]);
    }

    [Fact]
    public void UseTemplateLabelsAsSelector_Mismatch_Fixed()
    {
        var form = Valid();
        form.Template.Labels.Add("tier", "front");
        form.Selector.Rows.Clear();

        form.UseTemplateLabelsAsSelector();

        Assert.True(form.SelectorMatchesTemplate);
        Assert.False(form.Errors.Any);
        Assert.Equal(2, form.Selector.Rows.Count);
    }

    [Fact]
    public void Validate_TemplateErrors_OnTheTemplatesContainerFields_SameAsValidator()
    {
        var form = Valid();
        form.Replicas = -1;
        form.Template.Containers[0].Image = "";
        form.Template.Containers[0].Requests.Cpu = "0";

        Assert.False(form.Validate());

        var expected = ReplicationControllerValidator.Validate(form.Build());
        Assert.Equal(3, expected.Count);
        foreach (var error in expected)
        {
            Assert.Contains(error.Message, form.Errors.ByField[error.Field]);
        }

        Assert.Contains("spec.template.spec.containers[0].image", form.Errors.ByField.Keys);
        Assert.Contains(CreateReplicationControllerModel.ReplicasField, form.Errors.ByField.Keys);
    }

    [Fact]
    public void Import_OwnYaml_RoundTrips_WithTheSameContainerEditorModel()
    {
        var form = Valid();
        form.Template.Strategy = "Spread";
        form.Template.Containers[0].Ports.Add(new PortForm { ContainerPort = 8080 });
        form.Template.NodeSelector.Add("topology.kubernetes.io/zone", "a");

        var filled = new CreateReplicationControllerModel();
        Assert.Null(filled.Import(form.Yaml));

        Assert.Equal(form.Yaml, filled.Yaml);
        Assert.Empty(filled.ImportDropped);
        Assert.True(filled.SelectorMatchesTemplate);
    }
}
