using System.Collections.Immutable;
using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Model.Forms;
using KubeMesos.Shared.Contracts;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Tests.Unit.Dashboard.Forms;

public sealed class CreateServiceModelTests
{
    private static CreateServiceModel Valid()
    {
        var form = new CreateServiceModel { Name = "web" };
        form.Selector.Rows[0].Key = "app";
        form.Selector.Rows[0].Value = "web";
        form.Ports[0].Port = 80;
        form.Ports[0].TargetPort = "8080";
        return form;
    }

    private static PodView Pod(string ns, string name, params (string, string)[] labels) =>
        new(ns, name, PodPhases.Running, "a1", "agent-1", null, 0.1, 64, labels.ToDictionary(l => l.Item1, l => l.Item2), DateTimeOffset.UnixEpoch, null);

    [Fact]
    public void Build_Valid_ServiceWithNumericTargetPort()
    {
        var form = Valid();

        Assert.True(form.Validate());
        var service = form.Build();
        Assert.Equal("web", service.Spec.Selector["app"]);
        Assert.Equal(80, service.Spec.Ports[0].Port);
        Assert.Equal("8080", service.Spec.Ports[0].TargetPort.Value);
        Assert.Contains("targetPort: 8080", form.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameErrorsAsServiceValidator_OnPortFields()
    {
        var form = Valid();
        form.Name = "web.v2"; // a service name is a DNS label: no dots
        form.AddPort();
        form.Ports[1].Port = 80;
        form.Ports[1].TargetPort = "Not_A_Name";

        Assert.False(form.Validate());

        foreach (var error in ServiceValidator.Validate(form.Build()))
        {
            Assert.Contains(error.Message, form.Errors.ByField[error.Field]);
        }

        Assert.Contains(CreateServiceModel.PortField(0, "name"), form.Errors.ByField.Keys); // required when there are two
        Assert.Contains(CreateServiceModel.PortField(1, "targetPort"), form.Errors.ByField.Keys);
        Assert.Contains("spec.ports[1]", form.Errors.ByField.Keys); // 80/TCP twice
        Assert.Contains(FormFields.Name, form.Errors.ByField.Keys);
    }

    [Fact]
    public void MatchingPods_SelectorInNamespace_OnlyThosePods()
    {
        var form = Valid();
        var pods = new[]
        {
            Pod("default", "web-1", ("app", "web")),
            Pod("default", "web-2", ("app", "web"), ("tier", "front")),
            Pod("default", "db", ("app", "db")),
            Pod("shop", "web-3", ("app", "web")),
        };
        var snapshot = ClusterSnapshot.Empty() with { Pods = pods.ToImmutableDictionary(p => p.Key) };

        Assert.Equal(["web-1", "web-2"], form.MatchingPods(snapshot).Select(p => p.Name));
        form.Namespace = "shop";
        Assert.Equal(["web-3"], form.MatchingPods(snapshot).Select(p => p.Name));
        form.Selector.Rows.Clear();
        Assert.Empty(form.MatchingPods(snapshot));
    }

    [Fact]
    public void AddStatus_ApiRefusal_CausesInlineMessageOnTop()
    {
        var form = Valid();
        var status = ApiStatus.Invalid("Service", "web", [new FieldError("spec.ports[0].port", "Invalid value: 0: bad"), new FieldError("spec.clusterIP", "field is immutable")]).Status;

        form.Errors.AddStatus(status, form.FieldFor);

        Assert.Equal("Invalid value: 0: bad", form.Errors.For(CreateServiceModel.PortField(0, "port")));
        Assert.StartsWith("Service \"web\" is invalid", form.Errors.General[0], StringComparison.Ordinal);
        Assert.Contains("spec.clusterIP: field is immutable", form.Errors.General);
    }

    [Fact]
    public void Import_OwnYaml_RoundTrips()
    {
        var form = Valid();
        form.Ports[0].Name = "http";
        form.AddPort();
        form.Ports[1].Name = "dns";
        form.Ports[1].Port = 53;
        form.Ports[1].Protocol = "UDP";
        form.Ports[1].TargetPort = "dns";

        var filled = new CreateServiceModel();
        Assert.Null(filled.Import(form.Yaml));

        Assert.Equal(form.Yaml, filled.Yaml);
        Assert.Empty(filled.ImportDropped);
    }
}
