using k8s.Models;
using KubeMesos.Framework.Controllers;
using KubeMesos.Shared.Contracts;
using static KubeMesos.Tests.Unit.Framework.Controllers.ControllerFixtures;

namespace KubeMesos.Tests.Unit.Framework.Controllers;

public sealed class EndpointsBuilderTests
{
    private static V1Service Service(params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = ports },
    };

    private static V1Pod WebPod(string name, int? hostPort = 31000, bool ready = true, string app = "web", string? phase = PodPhases.Running)
    {
        var pod = Pod(name, phase: phase, ready: ready, app: app);
        pod.Spec.Containers[0].Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080, Protocol = "TCP" }];
        if (hostPort is not null)
        {
            pod.Metadata.Annotations = new Dictionary<string, string> { ["k8s.mesosphere.io/port_TCP_8080"] = hostPort.ToString()! };
        }

        return pod;
    }

    [Fact]
    public void Build_NamedTargetPort_HostPortFromAnnotation()
    {
        var subsets = EndpointsBuilder.Build(Service(new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" }), [WebPod("a")]);

        var subset = Assert.Single(subsets);
        var port = Assert.Single(subset.Ports);
        Assert.Equal(("http", 31000, "TCP"), (port.Name, port.Port, port.Protocol));
        var address = Assert.Single(subset.Addresses);
        Assert.Equal(("127.0.0.1", "agent-1", "a"), (address.Ip, address.NodeName, address.TargetRef.Name));
    }

    [Fact]
    public void Build_NumericTargetPort_HostPortFromAnnotation()
    {
        var subsets = EndpointsBuilder.Build(Service(new V1ServicePort { Port = 80, TargetPort = 8080 }), [WebPod("a", hostPort: 31555)]);

        Assert.Equal(31555, Assert.Single(Assert.Single(subsets).Ports).Port);
    }

    [Fact]
    public void Build_NoHostPortChosen_FallsBackToTargetPort()
    {
        var subsets = EndpointsBuilder.Build(Service(new V1ServicePort { Port = 80, TargetPort = 8080 }), [WebPod("a", hostPort: null)]);

        Assert.Equal(8080, Assert.Single(Assert.Single(subsets).Ports).Port);
    }

    [Fact]
    public void Build_NamedTargetPortMissingOnPod_PodLeftOut()
    {
        var subsets = EndpointsBuilder.Build(Service(new V1ServicePort { Name = "admin", Port = 9000, TargetPort = "admin" }), [WebPod("a")]);

        Assert.Empty(subsets);
    }

    [Fact]
    public void Build_ReadyAndNotReady_SeparatedAndFinishedOrUnscheduledLeftOut()
    {
        var pods = new[]
        {
            WebPod("ready"), WebPod("starting", ready: false), WebPod("failed", phase: PodPhases.Failed), WebPod("unscheduled", phase: null),
        };

        var subset = Assert.Single(EndpointsBuilder.Build(Service(new V1ServicePort { Port = 80, TargetPort = "http" }), pods));

        Assert.Equal("ready", Assert.Single(subset.Addresses).TargetRef.Name);
        Assert.Equal("starting", Assert.Single(subset.NotReadyAddresses).TargetRef.Name);
    }

    [Fact]
    public void Build_PodRelabelledOut_Dropped()
    {
        var subset = Assert.Single(EndpointsBuilder.Build(Service(new V1ServicePort { Port = 80, TargetPort = "http" }), [WebPod("a"), WebPod("b", app: "debug")]));

        Assert.Equal("a", Assert.Single(subset.Addresses).TargetRef.Name);
    }

    [Fact]
    public void Build_DifferentHostPorts_OneSubsetPerPortSet()
    {
        var subsets = EndpointsBuilder.Build(Service(new V1ServicePort { Port = 80, TargetPort = "http" }), [WebPod("a", 31001), WebPod("b", 31002), WebPod("c", 31001)]);

        Assert.Equal(2, subsets.Count);
        Assert.Equal(["a", "c"], subsets.Single(s => s.Ports[0].Port == 31001).Addresses.Select(a => a.TargetRef.Name));
    }

    [Fact]
    public void Build_HostIpKnown_UsedAsAddress()
    {
        var pod = WebPod("a");
        pod.Status.HostIP = "10.0.0.7";

        var address = Assert.Single(Assert.Single(EndpointsBuilder.Build(Service(new V1ServicePort { Port = 80, TargetPort = "http" }), [pod])).Addresses);

        Assert.Equal("10.0.0.7", address.Ip);
    }

    [Fact]
    public void Build_ServiceWithoutSelector_Nothing()
    {
        var service = Service(new V1ServicePort { Port = 80 });
        service.Spec.Selector = null;

        Assert.Empty(EndpointsBuilder.Build(service, [WebPod("a")]));
    }
}
