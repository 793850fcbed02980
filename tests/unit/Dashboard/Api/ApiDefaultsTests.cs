using KubeMesos.Dashboard.Api;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

public sealed class ApiDefaultsTests
{
    [Theory]
    [InlineData("nginx", "latest")]
    [InlineData("nginx:latest", "latest")]
    [InlineData("nginx:1.27", "1.27")]
    [InlineData("registry.local:5000/team/app", "latest")]
    [InlineData("registry.local:5000/team/app:v2", "v2")]
    [InlineData("app@sha256:0123", "")]
    [InlineData("app:v1@sha256:0123", "v1")]
    public void TagOf_ImageReference_TagAsKubernetesParsesIt(string image, string tag) => Assert.Equal(tag, ApiDefaults.TagOf(image));

    [Fact]
    public void Pod_FieldsAlreadySet_KeptAsGiven()
    {
        var pod = new k8s.Models.V1Pod
        {
            Spec = new k8s.Models.V1PodSpec
            {
                RestartPolicy = "Never",
                DnsPolicy = "Default",
                TerminationGracePeriodSeconds = 5,
                SchedulerName = "other",
                Containers = [new k8s.Models.V1Container { Name = "c", Image = "nginx", ImagePullPolicy = "Never", Ports = [new k8s.Models.V1ContainerPort { ContainerPort = 53, Protocol = "UDP" }] }],
            },
        };

        ApiDefaults.Pod(pod, "kubemesos");

        Assert.Equal(("Never", "Default", 5L, "other"), (pod.Spec.RestartPolicy, pod.Spec.DnsPolicy, pod.Spec.TerminationGracePeriodSeconds!.Value, pod.Spec.SchedulerName));
        Assert.Equal(("Never", "UDP"), (pod.Spec.Containers[0].ImagePullPolicy, pod.Spec.Containers[0].Ports[0].Protocol));
    }
}
