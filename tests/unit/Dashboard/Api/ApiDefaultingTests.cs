using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Tests.Unit.Support;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>
/// The API server's defaulting through the official .NET client (create and update) and through the dashboard's
/// <see cref="ClusterWriter"/> (its forms), which share the API's write path.
/// </summary>
public sealed class ApiDefaultingTests(ClusterApiHost host) : IClassFixture<ClusterApiHost>, IDisposable
{
    private readonly Kubernetes _client = new(new KubernetesClientConfiguration { Host = host.Url });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task CreatePod_FieldsLeftOut_ReadBackDefaulted()
    {
        var created = await _client.CoreV1.CreateNamespacedPodAsync(Pod("client-defaults", "busybox:latest"), "default", cancellationToken: Ct);
        var read = await _client.CoreV1.ReadNamespacedPodAsync("client-defaults", "default", cancellationToken: Ct);

        foreach (var pod in new[] { created, read })
        {
            Assert.Equal("Always", pod.Spec.RestartPolicy);
            Assert.Equal("ClusterFirst", pod.Spec.DnsPolicy);
            Assert.Equal(30, pod.Spec.TerminationGracePeriodSeconds);
            Assert.Equal("kubemesos", pod.Spec.SchedulerName);
            var container = pod.Spec.Containers.Single();
            Assert.Equal("Always", container.ImagePullPolicy);
            Assert.Equal("TCP", container.Ports.Single().Protocol);
            Assert.Equal("/dev/termination-log", container.TerminationMessagePath);
            Assert.Equal("File", container.TerminationMessagePolicy);
            Assert.Equal(1, container.ReadinessProbe.TimeoutSeconds);
            Assert.Equal(10, container.ReadinessProbe.PeriodSeconds);
            Assert.Equal(3, container.ReadinessProbe.FailureThreshold);
            Assert.Equal("/", container.ReadinessProbe.HttpGet.Path);
        }
    }

    [Fact]
    public async Task ReplaceService_DefaultsDropped_DefaultedAgain()
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "client-svc" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "x" }, Ports = [new V1ServicePort { Port = 8080 }] },
        };
        var created = await _client.CoreV1.CreateNamespacedServiceAsync(service, "default", cancellationToken: Ct);
        created.Spec.SessionAffinity = null;
        created.Spec.Type = null;
        created.Spec.Ports[0].Protocol = null;

        var replaced = await _client.CoreV1.ReplaceNamespacedServiceAsync(created, "client-svc", "default", cancellationToken: Ct);

        Assert.Equal("ClusterIP", replaced.Spec.Type);
        Assert.Equal("None", replaced.Spec.SessionAffinity);
        Assert.Equal("TCP", replaced.Spec.Ports[0].Protocol);
        Assert.Equal("8080", replaced.Spec.Ports[0].TargetPort.Value);
    }

    [Fact]
    public async Task CreateRc_NoReplicasNoSelector_OneReplicaSelectedByTemplateLabels()
    {
        var rc = new V1ReplicationController
        {
            Metadata = new V1ObjectMeta { Name = "client-rc" },
            Spec = new V1ReplicationControllerSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "client-rc" } },
                    Spec = new V1PodSpec { NodeSelector = new Dictionary<string, string> { ["k8s.mesosphere.io/attribute-rack"] = "nowhere" }, Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
                },
            },
        };

        var created = await _client.CoreV1.CreateNamespacedReplicationControllerAsync(rc, "default", cancellationToken: Ct);

        Assert.Equal(1, created.Spec.Replicas);
        Assert.Equal("client-rc", created.Spec.Selector["app"]);
        Assert.Equal("client-rc", created.Metadata.Labels["app"]);
        Assert.Equal("IfNotPresent", created.Spec.Template.Spec.Containers[0].ImagePullPolicy);
        Assert.Equal("Always", created.Spec.Template.Spec.RestartPolicy);
    }

    [Fact]
    public async Task ClusterWriter_Create_SameDefaultsAsTheApi()
    {
        using var store = new InMemoryObjectStore();
        var writer = TestClusterWriter.For(store);

        var pod = await writer.CreateAsync(Pod("form-pod", "example.com/app@sha256:" + new string('a', 64)), Ct);
        var service = await writer.CreateAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "form-svc" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] } }, Ct);

        Assert.Equal("IfNotPresent", pod.Spec.Containers[0].ImagePullPolicy);
        Assert.Equal("TCP", pod.Spec.Containers[0].Ports[0].Protocol);
        Assert.Equal("kubemesos", (await store.GetAsync<V1Pod>("default", "form-pod", Ct))!.Spec.SchedulerName);
        Assert.Equal("None", service.Spec.SessionAffinity);
    }

    private static V1Pod Pod(string name, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            // Nowhere to run: defaulting is under test, not scheduling.
            NodeSelector = new Dictionary<string, string> { ["k8s.mesosphere.io/attribute-rack"] = "nowhere" },
            Containers =
            [
                new V1Container
                {
                    Name = "main",
                    Image = image,
                    Ports = [new V1ContainerPort { ContainerPort = 80 }],
                    ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 80 } },
                },
            ],
        },
    };
}
