using k8s.Models;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Framework.Controllers;

/// <summary>Pods, controllers and services as the store would hold them, for the pure decision tests.</summary>
internal static class ControllerFixtures
{
    public static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    public static V1ReplicationController Rc(int replicas, string name = "web", string uid = "rc-uid", long generation = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = uid, Generation = generation },
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = replicas,
            Selector = new Dictionary<string, string> { ["app"] = "web" },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
            },
        },
    };

    /// <summary>A pod; <paramref name="phase"/> null means not yet scheduled.</summary>
    public static V1Pod Pod(string name, string? phase = PodPhases.Running, bool ready = true, string? ownerUid = "rc-uid",
        int ageSeconds = 60, string app = "web", bool terminating = false)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name, NamespaceProperty = "default", Uid = "uid-" + name,
                Labels = new Dictionary<string, string> { ["app"] = app, ["tier"] = "front" },
                CreationTimestamp = Now.AddSeconds(-ageSeconds),
                DeletionTimestamp = terminating ? Now : null,
                OwnerReferences = ownerUid is null ? null : [new V1OwnerReference { Kind = "ReplicationController", Name = "web", Uid = ownerUid, Controller = true, ApiVersion = "v1" }],
            },
            Spec = new V1PodSpec
            {
                NodeName = phase is null ? null : "agent-1",
                Containers = [new V1Container { Name = "main", Image = "nginx" }],
            },
            Status = new V1PodStatus
            {
                Phase = phase ?? PodPhases.Pending,
                Conditions = [new V1PodCondition { Type = "Ready", Status = ready && phase == PodPhases.Running ? "True" : "False", LastTransitionTime = Now.AddSeconds(-10) }],
            },
        };
        return pod;
    }
}
