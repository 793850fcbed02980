using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>What loading the sample workload did: objects created, and those already there (left as they are).</summary>
public sealed record SampleWorkloadResult(IReadOnlyList<string> Created, IReadOnlyList<string> Existing);

/// <summary>
/// A first workload for an empty cluster, in namespace <c>default</c>: two replication controllers with services in
/// front of them, labelled single pods, and two pods that cannot fit (64 cpus; a node selector no agent has), so a
/// newcomer sees placement, endpoints and "why pending" explanations at once. Written through
/// <see cref="ClusterWriter"/> like every UI write; loading it again creates nothing and fails nothing (an object
/// that exists is left alone). Thread-safe.
/// </summary>
public sealed class SampleWorkload(ClusterWriter writer)
{
    public const string Namespace = NamespaceResource.Default;

    /// <summary>The label every sample object carries, so they can be found and removed together.</summary>
    public const string SampleLabel = "kubemesos.io/sample";

    public async Task<SampleWorkloadResult> LoadAsync(CancellationToken cancellationToken = default)
    {
        var created = new List<string>();
        var existing = new List<string>();
        foreach (var obj in Objects())
        {
            var name = $"{obj.Kind}/{obj.Metadata.Name}";
            try
            {
                await (obj switch
                {
                    V1ReplicationController rc => writer.CreateAsync(rc, cancellationToken),
                    V1Service service => writer.CreateAsync(service, cancellationToken),
                    V1Pod pod => (Task)writer.CreateAsync(pod, cancellationToken),
                    _ => throw new InvalidOperationException(obj.Kind),
                });
                created.Add(name);
            }
            catch (ClusterWriteException ex) when (ex.Status.Reason == "AlreadyExists")
            {
                existing.Add(name);
            }
        }

        return new SampleWorkloadResult(created, existing);
    }

    /// <summary>The sample objects, in the order they are created (services first, so endpoints fill as pods start).</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects() =>
    [
        Service("web", "frontend", 80, "8080"),
        Service("api", "backend", 8080, "8080"),
        Controller("web", "frontend", 3, "250m", "128Mi", PlacementStrategy.Spread),
        Controller("api", "backend", 2, "500m", "256Mi", null),
        Pod("batch-report", new() { ["app"] = "batch", ["tier"] = "jobs" }, "200m", "64Mi"),
        Pod("cache-warmer", new() { ["app"] = "cache", ["tier"] = "backend" }, "100m", "64Mi"),
        Pod("too-big", new() { ["app"] = "too-big", ["tier"] = "jobs" }, "64", "1Gi"),
        Pod("needs-gpu", new() { ["app"] = "gpu-trainer", ["tier"] = "jobs" }, "500m", "256Mi", new() { ["k8s.mesosphere.io/attribute-gpu"] = "true" }),
    ];

    private static Dictionary<string, string> Labels(string app, string tier) => new() { ["app"] = app, ["tier"] = tier, [SampleLabel] = "true" };

    private static V1Service Service(string app, string tier, int port, string target) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = app, NamespaceProperty = Namespace, Labels = Labels(app, tier) },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = app },
            Ports = [new V1ServicePort { Name = "http", Port = port, TargetPort = target, Protocol = "TCP" }],
        },
    };

    private static V1ReplicationController Controller(string app, string tier, int replicas, string cpu, string memory, PlacementStrategy? strategy) => new()
    {
        ApiVersion = "v1",
        Kind = "ReplicationController",
        Metadata = new V1ObjectMeta { Name = app, NamespaceProperty = Namespace, Labels = Labels(app, tier) },
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = replicas,
            Selector = new Dictionary<string, string> { ["app"] = app },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta
                {
                    Labels = Labels(app, tier),
                    Annotations = strategy is { } s ? new Dictionary<string, string> { [PodRequirements.StrategyAnnotation] = s.ToString() } : null,
                },
                Spec = new V1PodSpec { Containers = [Container(app, cpu, memory, 8080)] },
            },
        },
    };

    private static V1Pod Pod(string name, Dictionary<string, string> labels, string cpu, string memory, Dictionary<string, string>? nodeSelector = null)
    {
        labels[SampleLabel] = "true";
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = labels },
            Spec = new V1PodSpec { Containers = [Container("main", cpu, memory, null)], NodeSelector = nodeSelector },
        };
    }

    private static V1Container Container(string name, string cpu, string memory, int? port) => new()
    {
        Name = name,
        Image = "nginx:1.27",
        Ports = port is { } p ? [new V1ContainerPort { ContainerPort = p, Protocol = "TCP" }] : null,
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) },
        },
    };
}
