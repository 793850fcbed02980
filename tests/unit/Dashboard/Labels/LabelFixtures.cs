using k8s.Models;
using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Dashboard.Labels;

/// <summary>Stored objects for the label preview tests: pods, services and replication controllers selecting by <c>tier</c>.</summary>
internal static class LabelFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static V1ReplicationController Rc(string name, int replicas, string tier, string ns = "default") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = $"rc-{ns}-{name}", Generation = 1 },
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = replicas,
            Selector = new Dictionary<string, string> { ["tier"] = tier },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["tier"] = tier } },
                Spec = new V1PodSpec { Containers = [Container()] },
            },
        },
    };

    public static V1Service Service(string name, string tier, string ns = "default") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = $"svc-{ns}-{name}" },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["tier"] = tier },
            Ports = [new V1ServicePort { Name = "web", Port = 80, TargetPort = "http" }],
        },
    };

    /// <summary>A running, ready pod on an agent; <paramref name="owner"/> makes it that controller's.</summary>
    public static V1Pod Pod(string name, string? tier, V1ReplicationController? owner = null, bool ready = true, int ageSeconds = 60,
        string ns = "default", string phase = PodPhases.Running)
    {
        var labels = new Dictionary<string, string> { ["app"] = "shop" };
        if (tier is not null)
        {
            labels["tier"] = tier;
        }

        return new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name, NamespaceProperty = ns, Uid = $"uid-{ns}-{name}", Labels = labels,
                CreationTimestamp = Now.UtcDateTime.AddSeconds(-ageSeconds),
                OwnerReferences = owner is null ? null : [KubeMesos.Framework.Controllers.ReplicationDecider.OwnerReference(owner)],
            },
            Spec = new V1PodSpec { NodeName = "agent-1", Containers = [Container()] },
            Status = new V1PodStatus
            {
                Phase = phase,
                Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = Now.UtcDateTime.AddSeconds(-30) }],
            },
        };
    }

    public static ClusterObjects Objects(IEnumerable<V1Pod> pods, IEnumerable<V1Service>? services = null, IEnumerable<V1ReplicationController>? rcs = null) =>
        new(pods.ToList(), (services ?? []).ToList(), (rcs ?? []).ToList());

    private static V1Container Container() => new()
    {
        Name = "main", Image = "nginx", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }],
    };
}
