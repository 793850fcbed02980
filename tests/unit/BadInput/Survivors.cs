using System.Net;
using k8s;
using k8s.Models;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Dashboard.Api;
using KubeMesos.Tests.Unit.Support;

namespace KubeMesos.Tests.Unit.BadInput;

/// <summary>
/// A pod (Running, so the scheduler is done with its spec), a service and a replication controller stored before a
/// barrage; afterwards each must read back through the API with the same spec, labels and annotations, byte for byte.
/// </summary>
internal sealed class Survivors
{
    private readonly Dictionary<string, string> _specs;

    private Survivors(Dictionary<string, string> names, Dictionary<string, string> specs)
    {
        Names = names;
        _specs = specs;
    }

    /// <summary>Plural → name of the survivor of that kind.</summary>
    public IReadOnlyDictionary<string, string> Names { get; }

    public static async Task<Survivors> CreateAsync(ClusterApiHost host, string prefix)
    {
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = host.Url });
        var ct = TestContext.Current.CancellationToken;
        var annotations = new Dictionary<string, string> { ["note"] = "<script>alert(1)</script> \u202Eevil\u202C 😀 a\u200Bb" };
        var pod = await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = $"{prefix}-survivor", Labels = new Dictionary<string, string> { ["app"] = "survivor" }, Annotations = annotations },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.25", Ports = [new V1ContainerPort { ContainerPort = 80 }] }] },
        }, "default", cancellationToken: ct);
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = $"{prefix}-survivor", Annotations = annotations },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "survivor" }, Ports = [new V1ServicePort { Port = 80 }] },
        }, "default", cancellationToken: ct);
        await client.CoreV1.CreateNamespacedReplicationControllerAsync(KubernetesClientTests.MakeRc($"{prefix}-survivor", 1), "default", cancellationToken: ct);
        await StoreWaiter.WaitForAsync(host.Store, async c => (await host.Store.GetAsync<V1Pod>("default", pod.Metadata.Name, c))?.Status?.Phase == PodPhases.Running,
            TimeSpan.FromSeconds(60), "the survivor pod Running");

        var names = new Dictionary<string, string> { ["pods"] = pod.Metadata.Name, ["services"] = $"{prefix}-survivor", ["replicationcontrollers"] = $"{prefix}-survivor" };
        var specs = new Dictionary<string, string>();
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        foreach (var (plural, name) in names)
        {
            specs[plural] = Comparable(await http.GetStringAsync($"/api/v1/namespaces/default/{plural}/{name}", ct));
        }

        return new Survivors(names, specs);
    }

    /// <summary>Reads every survivor back through the API (so the API is still serving) and compares it.</summary>
    public async Task AssertIntactAsync(ApiClient api)
    {
        foreach (var (plural, name) in Names)
        {
            var answer = await api.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/default/{plural}/{name}", null, null);
            Assert.Equal(HttpStatusCode.OK, answer.Code);
            Assert.Equal(_specs[plural], Comparable(answer.Body));
        }
    }

    /// <summary>What a barrage must not change: spec, labels, annotations and uid (status and resourceVersion are the controllers').</summary>
    private static string Comparable(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        return new System.Text.Json.Nodes.JsonObject
        {
            ["uid"] = node["metadata"]!["uid"]?.DeepClone(),
            ["labels"] = node["metadata"]!["labels"]?.DeepClone(),
            ["annotations"] = node["metadata"]!["annotations"]?.DeepClone(),
            ["spec"] = node["spec"]?.DeepClone(),
        }.ToJsonString();
    }
}
