using Xunit;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Pods;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class CreatePodModelTests
{
    private static CreatePodModel Valid() => new() { Name = "web-1", Image = "nginx:1.27", Cpus = 0.5, MemoryMiB = 256 };

    [Fact]
    public void Validate_ValidForm_NoErrors()
    {
        var form = Valid();

        Assert.True(form.Validate());
        Assert.Empty(form.Errors);
    }

    [Theory]
    [InlineData("Web-1")]
    [InlineData("web_1")]
    [InlineData("-web")]
    [InlineData("web-")]
    public void Validate_NameNotDns1123Label_NameError(string name)
    {
        var form = Valid();
        form.Name = name;

        Assert.False(form.Validate());
        Assert.Contains("RFC 1123 label", form.ErrorFor(PodFormFields.Name));
    }

    [Fact]
    public void Validate_EmptyNameAndImage_RequiredErrors()
    {
        var form = Valid();
        form.Name = "";
        form.Image = "  ";

        Assert.False(form.Validate());
        Assert.Equal("Name is required", form.ErrorFor(PodFormFields.Name));
        Assert.Equal("Image is required", form.ErrorFor(PodFormFields.Image));
    }

    [Theory]
    [InlineData(0, 256, PodFormFields.Cpus)]
    [InlineData(-1, 256, PodFormFields.Cpus)]
    [InlineData(double.NaN, 256, PodFormFields.Cpus)]
    [InlineData(0.0004, 256, PodFormFields.Cpus)]
    [InlineData(1, 0, PodFormFields.Memory)]
    [InlineData(1, -64, PodFormFields.Memory)]
    public void Validate_NonPositiveResources_FieldError(double cpus, int mem, string field)
    {
        var form = Valid();
        form.Cpus = cpus;
        form.MemoryMiB = mem;

        Assert.False(form.Validate());
        Assert.NotNull(form.ErrorFor(field));
        Assert.Single(form.Errors);
    }

    [Fact]
    public void Validate_InvalidLabelKeyValueAndDuplicate_ErrorsPerRow()
    {
        var form = Valid();
        form.Labels.Add(new LabelRow { Key = "app", Value = "web" });
        form.Labels.Add(new LabelRow { Key = "bad key", Value = "ok" });
        form.Labels.Add(new LabelRow { Key = "tier", Value = "-bad-" });
        form.Labels.Add(new LabelRow { Key = "app", Value = "other" });
        form.Labels.Add(new LabelRow());

        Assert.False(form.Validate());
        Assert.Null(form.ErrorFor(PodFormFields.LabelKey(0)));
        Assert.NotNull(form.ErrorFor(PodFormFields.LabelKey(1)));
        Assert.NotNull(form.ErrorFor(PodFormFields.LabelValue(2)));
        Assert.Contains("duplicate", form.ErrorFor(PodFormFields.LabelKey(3)));
        Assert.Null(form.ErrorFor(PodFormFields.LabelKey(4)));
    }

    [Fact]
    public void RemoveLabel_InvalidRowRemoved_ErrorsRecomputedForShiftedRows()
    {
        var form = Valid();
        form.Labels.Add(new LabelRow { Key = "bad key" });
        form.Labels.Add(new LabelRow { Key = "app", Value = "-bad-" });
        form.Validate();

        form.RemoveLabel(0);

        Assert.Null(form.ErrorFor(PodFormFields.LabelKey(0)));
        Assert.NotNull(form.ErrorFor(PodFormFields.LabelValue(0)));
        Assert.Null(form.ErrorFor(PodFormFields.LabelValue(1)));
    }

    [Fact]
    public void ToPod_ValidForm_BuildsDefaultNamespacePodWithQuantities()
    {
        var form = Valid();
        form.Labels.Add(new LabelRow { Key = "app", Value = "web" });
        form.Labels.Add(new LabelRow());

        var pod = form.ToPod();

        Assert.Equal("v1", pod.ApiVersion);
        Assert.Equal("Pod", pod.Kind);
        Assert.Equal("web-1", pod.Metadata.Name);
        Assert.Equal("default", pod.Metadata.NamespaceProperty);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, pod.Metadata.Labels);
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Equal("web-1", container.Name);
        Assert.Equal("nginx:1.27", container.Image);
        Assert.Equal("500m", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("256Mi", container.Resources.Requests["memory"].ToString());
    }

    [Theory]
    [InlineData(0.5, "500m")]
    [InlineData(1, "1")]
    [InlineData(2.0, "2")]
    [InlineData(1.25, "1250m")]
    [InlineData(0.0004, "0")]
    [InlineData(0.1, "100m")]
    public void CpuQuantity_Cpus_KubernetesQuantity(double cpus, string expected) =>
        Assert.Equal(expected, CreatePodModel.CpuQuantity(cpus));

    [Fact]
    public async Task SubmitAsync_Valid_CallsCreateAsyncOnce()
    {
        var pods = new FakePodService();
        var form = Valid();

        var created = await form.SubmitAsync(pods, TestContext.Current.CancellationToken);

        Assert.NotNull(created);
        Assert.Equal("web-1", Assert.Single(pods.Created).Metadata.Name);
    }

    [Fact]
    public async Task SubmitAsync_Invalid_DoesNotCallService()
    {
        var pods = new FakePodService();
        var form = Valid();
        form.Image = "";

        var created = await form.SubmitAsync(pods, TestContext.Current.CancellationToken);

        Assert.Null(created);
        Assert.Empty(pods.Created);
    }

    [Fact]
    public async Task SubmitAsync_PodAlreadyExists_ErrorOnName()
    {
        var pods = new FakePodService { NextError = new PodAlreadyExistsException("default", "web-1") };
        var form = Valid();

        Assert.Null(await form.SubmitAsync(pods, TestContext.Current.CancellationToken));

        Assert.Equal("pods \"web-1\" already exists in namespace \"default\"", form.ErrorFor(PodFormFields.Name));
    }

    [Fact]
    public async Task SubmitAsync_ServerFieldErrors_MappedToFieldsOrGeneral()
    {
        var pods = new FakePodService
        {
            NextError = new ObjectValidationException("Pod", "web-1",
            [
                new FieldError("metadata.name", "reserved name"),
                new FieldError("spec.containers[0].resources.requests[cpu]", "too many cpus"),
                new FieldError("spec.containers[0].resources.requests[memory]", "too much memory"),
                new FieldError("metadata.labels", "label app is reserved"),
                new FieldError("spec.nodeSelector", "unknown attribute"),
            ]),
        };
        var form = Valid();

        Assert.Null(await form.SubmitAsync(pods, TestContext.Current.CancellationToken));

        Assert.Equal("reserved name", form.ErrorFor(PodFormFields.Name));
        Assert.Equal("too many cpus", form.ErrorFor(PodFormFields.Cpus));
        Assert.Equal("too much memory", form.ErrorFor(PodFormFields.Memory));
        Assert.Equal("label app is reserved", form.ErrorFor(PodFormFields.Labels));
        Assert.Equal(["spec.nodeSelector: unknown attribute"], form.GeneralErrors);
    }

    [Fact]
    public async Task ValidateField_AfterServerError_ClearsThatFieldsError()
    {
        var pods = new FakePodService { NextError = FakePodService.Invalid("spec.containers[0].image", "not allowed") };
        var form = Valid();
        await form.SubmitAsync(pods, TestContext.Current.CancellationToken);
        Assert.NotNull(form.ErrorFor(PodFormFields.Image));

        form.Image = "nginx:1.28";
        form.ValidateField(PodFormFields.Image);

        Assert.Null(form.ErrorFor(PodFormFields.Image));
    }
}
