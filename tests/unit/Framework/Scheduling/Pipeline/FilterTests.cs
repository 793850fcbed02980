using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Framework.Scheduling.Plugins;
using static KubeMesos.Tests.Unit.Framework.Scheduling.Pipeline.PipelineTestData;

namespace KubeMesos.Tests.Unit.Framework.Scheduling.Pipeline;

public sealed class FilterTests
{
    [Theory]
    [InlineData(8, 128, 0, "insufficient cpus")]
    [InlineData(1, 99999, 0, "insufficient mem")]
    [InlineData(1, 128, 5000, "insufficient disk")]
    public void Resources_Short_NamesTheScarceResource(double cpus, double mem, double disk, string reason)
    {
        var pod = Pod() with { WithExecutor = new(cpus, mem, disk) };

        var status = new ResourcesFilter().Filter(pod, Agent("a"));

        Assert.False(status.Fits);
        Assert.Equal(reason, status.Reason);
        Assert.Equal("Resources", status.Plugin);
    }

    [Fact]
    public void Resources_ExactFit_Fits() =>
        Assert.True(new ResourcesFilter().Filter(Pod(cpus: 4, mem: 8192), Agent("a")).Fits);

    [Fact]
    public void HostPorts_FixedPortOffered_Fits() =>
        Assert.True(new HostPortsFilter().Filter(Pod(ports: [new("c", 80, 31080, "TCP")]), Agent("a")).Fits);

    [Fact]
    public void HostPorts_FixedPortOutsideRanges_Unavailable()
    {
        var status = new HostPortsFilter().Filter(Pod(ports: [new("c", 80, 80, "TCP")]), Agent("a"));

        Assert.Equal("host port unavailable", status.Reason);
    }

    [Fact]
    public void HostPorts_SameFixedPortTwice_Unavailable() =>
        Assert.False(new HostPortsFilter().Filter(Pod(ports: [new("a", 80, 31080, "TCP"), new("b", 81, 31080, "TCP")]), Agent("a")).Fits);

    [Fact]
    public void HostPorts_SameFixedPortTwiceAroundAWildcard_Unavailable() =>
        Assert.Equal("host port unavailable", new HostPortsFilter().Filter(
            Pod(ports: [new("a", 80, 31080, "TCP"), new("b", 81, 0, "TCP"), new("c", 82, 31080, "TCP")]), Agent("a")).Reason);

    [Fact]
    public void HostPorts_FixedPortsAndWildcardsThatJustFit_Fit()
    {
        var agent = Agent("a", ports: [(31000, 31002)]);
        var pod = Pod(ports: [new("a", 80, 31001, "TCP"), new("b", 81, 0, "TCP"), new("c", 82, 0, "TCP")]);

        Assert.True(new HostPortsFilter().Filter(pod, agent).Fits);
    }

    [Fact]
    public void HostPorts_MoreWildcardsThanFreePorts_Insufficient()
    {
        var agent = Agent("a", ports: [(31000, 31001)]);
        var pod = Pod(ports: [new("c", 80, 0, "TCP"), new("c", 81, 0, "TCP"), new("c", 82, 0, "TCP")]);

        Assert.Equal("insufficient ports", new HostPortsFilter().Filter(pod, agent).Reason);
    }

    [Fact]
    public void HostPorts_AfterReserve_PortNoLongerFree()
    {
        var agent = Agent("a");
        var pod = Pod(ports: [new("c", 80, 31080, "TCP")]);
        agent.Reserve(pod);

        Assert.False(new HostPortsFilter().Filter(pod, agent).Fits);
    }

    [Fact]
    public void NodeSelector_MatchesAttributeLabelAndHostname()
    {
        var agent = Agent("agent-1", attributes: new() { ["rack"] = "r1", ["zone"] = "zone-a" });
        var filter = new NodeSelectorFilter();

        Assert.True(filter.Filter(Pod(nodeSelector: new() { ["k8s.mesosphere.io/attribute-rack"] = "r1" }), agent).Fits);
        Assert.True(filter.Filter(Pod(nodeSelector: new() { ["topology.kubernetes.io/zone"] = "zone-a" }), agent).Fits);
        Assert.True(filter.Filter(Pod(nodeSelector: new() { ["kubernetes.io/hostname"] = "agent-1" }), agent).Fits);
        Assert.Equal("node selector mismatch", filter.Filter(Pod(nodeSelector: new() { ["k8s.mesosphere.io/attribute-rack"] = "r2" }), agent).Reason);
        Assert.False(filter.Filter(Pod(nodeSelector: new() { ["gpu"] = "true" }), agent).Fits);
    }
}
