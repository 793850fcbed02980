using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Model.Forms;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Tests.Unit.Dashboard.Forms;

public sealed class CreatePodModelTests
{
    private static CreatePodModel Valid()
    {
        var form = new CreatePodModel { Name = "web-1" };
        form.Pod.Containers[0].Name = "main";
        form.Pod.Containers[0].Image = "nginx:1.27";
        return form;
    }

    [Fact]
    public void Validate_ValidForm_NoErrors()
    {
        var form = Valid();

        Assert.True(form.Validate());
        Assert.False(form.Errors.Any);
    }

    [Fact]
    public void Validate_SameErrorsAsPodValidator_OnTheFieldsNamedByTheirPaths()
    {
        var form = Valid();
        form.Name = "Web_1";
        form.Pod.Containers[0].Image = "";
        form.Pod.AddContainer();
        form.Pod.Containers[1].Name = "main";
        form.Pod.Containers[1].Image = "busybox";
        form.Pod.Containers[1].Ports.Add(new PortForm { ContainerPort = 70000 });

        Assert.False(form.Validate());

        var expected = PodValidator.Validate(form.Build());
        Assert.NotEmpty(expected);
        foreach (var error in expected)
        {
            Assert.Contains(error.Message, form.Errors.ByField[error.Field]);
        }

        Assert.Contains("spec.containers[1].name", form.Errors.ByField.Keys); // duplicate container name
        Assert.Contains("spec.containers[1].ports[0].containerPort", form.Errors.ByField.Keys);
        Assert.Empty(form.Errors.General);
    }

    [Fact]
    public void For_UntouchedField_HiddenUntilTouchedOrSubmitTried()
    {
        var form = Valid();
        form.Name = "Bad_Name";
        form.Validate();

        Assert.Null(form.Errors.For(FormFields.Name));
        form.Touch(FormFields.Name);
        Assert.Contains("RFC 1123 subdomain", form.Errors.For(FormFields.Name));
        Assert.Null(form.Errors.For("spec.containers[0].image"));
        form.Errors.ShowAll = true;
        form.Pod.Containers[0].Image = "";
        form.Validate();
        Assert.Equal("Required value", form.Errors.For("spec.containers[0].image"));
    }

    [Theory]
    [InlineData("cpu", "abc", "quantities must match")]
    [InlineData("cpu", "0", "must be greater than 0")]
    [InlineData("memory", "-1Mi", "must be greater than 0")]
    public void Validate_BadRequest_ErrorOnThatResourceField(string resource, string text, string message)
    {
        var form = Valid();
        form.Pod.Containers[0].Requests[resource] = text;

        Assert.False(form.Validate());
        Assert.Contains(message, string.Join(";", form.Errors.ByField[$"spec.containers[0].resources.requests[{resource}]"]));
    }

    [Fact]
    public void Validate_LabelAndNodeSelectorRows_ErrorsPerRowWithoutMapLevelCopies()
    {
        var form = Valid();
        form.Pod.Labels.Add("app", "web");
        form.Pod.Labels.Add("bad key", "x");
        form.Pod.Labels.Add("app", "again");
        form.Pod.NodeSelector.Add("k8s.mesosphere.io/attribute-rack", "not valid!");

        Assert.False(form.Validate());

        Assert.Contains("name part must consist", form.Errors.ByField[form.Pod.Labels.KeyField(1)][0]);
        Assert.Contains("duplicate label key", form.Errors.ByField[form.Pod.Labels.KeyField(2)][0]);
        Assert.Contains("a valid label must be", form.Errors.ByField[form.Pod.NodeSelector.ValueField(0)][0]);
        Assert.DoesNotContain("metadata.labels", form.Errors.ByField.Keys);
        Assert.DoesNotContain("spec.nodeSelector", form.Errors.ByField.Keys);
    }

    [Fact]
    public void Build_EveryField_PodWithContainersPortsResourcesNodeSelectorAndStrategy()
    {
        var form = Valid();
        form.Namespace = "shop";
        form.Pod.Labels.Add("app", "web");
        form.Pod.Strategy = "BinPack";
        form.Pod.NodeSelector.Add("k8s.mesosphere.io/attribute-rack", "r1");
        var main = form.Pod.Containers[0];
        main.Command = "sh -c";
        main.Args = "\"sleep 3600\"";
        main.Ports.Add(new PortForm { ContainerPort = 80, HostPort = 31080 });
        main.Ports.Add(new PortForm { ContainerPort = 9090, Protocol = "UDP", Name = "metrics" });
        main.Requests.Cpu = "500m";
        main.Requests.Memory = "256Mi";
        main.Limits.EphemeralStorage = "1Gi";
        form.Pod.AddContainer();
        form.Pod.Containers[1].Name = "sidecar";
        form.Pod.Containers[1].Image = "busybox";

        var pod = form.Build();

        Assert.True(form.Validate());
        Assert.Equal("shop", pod.Metadata.NamespaceProperty);
        Assert.Equal("BinPack", pod.Metadata.Annotations["kubemesos.io/placement-strategy"]);
        Assert.Equal("r1", pod.Spec.NodeSelector["k8s.mesosphere.io/attribute-rack"]);
        Assert.Equal(["sh", "-c"], pod.Spec.Containers[0].Command);
        Assert.Equal(["sleep 3600"], pod.Spec.Containers[0].Args);
        Assert.Equal(31080, pod.Spec.Containers[0].Ports[0].HostPort);
        Assert.Null(pod.Spec.Containers[0].Ports[1].HostPort);
        Assert.Equal("UDP", pod.Spec.Containers[0].Ports[1].Protocol);
        Assert.Equal("500m", pod.Spec.Containers[0].Resources.Requests["cpu"].ToString());
        Assert.Equal("1Gi", pod.Spec.Containers[0].Resources.Limits["ephemeral-storage"].ToString());
        Assert.Equal(["main", "sidecar"], pod.Spec.Containers.Select(c => c.Name));
    }

    [Fact]
    public void Yaml_ClusterDefaultStrategy_NoAnnotation_AndParsesBackToTheSamePod()
    {
        var form = Valid();
        form.Pod.Containers[0].Requests.Cpu = "250m";

        var yaml = form.Yaml;

        Assert.DoesNotContain("placement-strategy", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: Pod", yaml, StringComparison.Ordinal);
        var parsed = KubernetesYaml.Deserialize<V1Pod>(yaml);
        Assert.Equal(KubernetesJson.Serialize(form.Build()), KubernetesJson.Serialize(parsed));
    }

    [Fact]
    public void Import_OwnYaml_RoundTripsToTheSameObject()
    {
        var form = Valid();
        form.Namespace = "default";
        form.Pod.Labels.Add("app", "web");
        form.Pod.Strategy = "Spread";
        form.Pod.NodeSelector.Add("kubernetes.io/hostname", "agent-1");
        form.Pod.Containers[0].Command = "sh -c 'echo \"hi\"'";
        form.Pod.Containers[0].Ports.Add(new PortForm { ContainerPort = 80, HostPort = 0 });
        form.Pod.Containers[0].Limits.Memory = "1Gi";
        var yaml = form.Yaml;

        var filled = new CreatePodModel();
        Assert.Null(filled.Import(yaml));

        Assert.Equal(yaml, filled.Yaml);
        Assert.Empty(filled.ImportDropped);
        Assert.Equal("Spread", filled.Pod.Strategy);
    }

    [Fact]
    public void Import_FieldsTheFormLacks_NamedAsLeftOut()
    {
        var form = new CreatePodModel();

        var error = form.Import("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, uid: abc}
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: nginx
                env: [{name: A, value: b}]
            status: {phase: Running}
            """);

        Assert.Null(error);
        Assert.Equal("web", form.Name);
        Assert.Equal("shop", form.Namespace);
        Assert.Equal(["spec.containers[0].env", "spec.restartPolicy"], form.ImportDropped);
    }

    [Theory]
    [InlineData("kind: Service\napiVersion: v1\nmetadata: {name: s}", "has no Pod (it has Service)")]
    [InlineData("{ not: [yaml", "could not be read")]
    public void Import_NoPod_ErrorAndFormUnchanged(string yaml, string message)
    {
        var form = Valid();

        Assert.Contains(message, form.Import(yaml));
        Assert.Equal("web-1", form.Name);
    }

    [Fact]
    public void FieldFor_UnknownPathUnderAContainer_TheContainer_ElsewhereNone()
    {
        var form = Valid();

        Assert.Equal("spec.containers[0]", form.FieldFor("spec.containers[0].resources.requests[nvidia.com/gpu]"));
        Assert.Equal("spec.containers[0].image", form.FieldFor("spec.containers[0].image"));
        Assert.Null(form.FieldFor("metadata.annotations"));
    }

    [Fact]
    public void Validate_NamespaceNotKnown_ErrorOnNamespace()
    {
        var form = Valid();
        form.KnownNamespaces = ["default", "shop"];
        form.Namespace = "nowhere";
        form.Errors.ShowAll = true;

        Assert.False(form.Validate());
        Assert.Contains("not found", form.Errors.For(FormFields.Namespace));
    }
}
