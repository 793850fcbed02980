using k8s.Models;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Scheduling;

namespace KubeMesos.Tests.Unit.Framework.Pods;

public sealed class PodViewsTests
{
    [Fact]
    public void From_PlacedPod_CarriesUidTaskIdsHostPortsReadinessAndTheCreationIndex()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-1",
                NamespaceProperty = "default",
                Uid = "u1",
                Annotations = new Dictionary<string, string>
                {
                    ["k8s.mesosphere.io/port_TCP_8080"] = "31005",
                    ["k8s.mesosphere.io/port_UDP_53"] = "31001",
                    ["k8s.mesosphere.io/port_TCP_bad"] = "1",
                },
            },
            Spec = new V1PodSpec { NodeName = "agent-0", Containers = [new V1Container { Name = "main" }, new V1Container { Name = "side" }] },
            Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }] },
        };

        var view = PodViews.From(pod, new SchedulerOptions(), creationIndex: 42);

        Assert.Equal("u1", view.Uid);
        Assert.Equal(42, view.CreationIndex);
        Assert.Equal(["u1.main", "u1.side"], view.TaskIds);
        Assert.Equal("u1.main", view.TaskId);
        Assert.Equal([("UDP", 53, 31001), ("TCP", 8080, 31005)], view.HostPorts.Select(p => (p.Protocol, p.ContainerPort, p.HostPort)));
        Assert.True(view.IsReady);
    }

    [Fact]
    public void From_PendingPod_HasNoTaskIds()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "default", Uid = "u1" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main" }] },
        };

        var view = PodViews.From(pod, new SchedulerOptions());

        Assert.Empty(view.TaskIds);
        Assert.Null(view.TaskId);
        Assert.Empty(view.HostPorts);
        Assert.False(view.IsReady);
    }
}
