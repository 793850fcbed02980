using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Framework.Scheduling.Plugins;
using static KubeMesos.Tests.Unit.Framework.Scheduling.Pipeline.PipelineTestData;

namespace KubeMesos.Tests.Unit.Framework.Scheduling.Pipeline;

public sealed class FeasibilityClassTests
{
    [Fact]
    public void SameNeeds_DifferentNameStrategyOrOwner_SameClass()
    {
        var a = Pod(name: "a", nodeSelector: new() { ["zone"] = "z1", ["rack"] = "r1" }, ports: [new HostPortRequest("main", 80, 8080, "TCP")]);
        var b = Pod(name: "b", nodeSelector: new() { ["rack"] = "r1", ["zone"] = "z1" }, ports: [new HostPortRequest("side", 81, 8080, "TCP")],
            strategy: PlacementStrategy.Spread, owner: "rc-1");

        Assert.Equal(FeasibilityClass.Of(a), FeasibilityClass.Of(b));
    }

    [Theory]
    [InlineData("cpus")]
    [InlineData("mem")]
    [InlineData("port")]
    [InlineData("wildcard port")]
    [InlineData("protocol")]
    [InlineData("selector value")]
    [InlineData("selector key")]
    public void AnyFilterInputDiffers_OtherClass(string what)
    {
        var basis = Pod(nodeSelector: new() { ["rack"] = "r1" }, ports: [new HostPortRequest("main", 80, 8080, "TCP")]);
        var other = what switch
        {
            "cpus" => basis with { WithExecutor = basis.WithExecutor with { Cpus = 0.6 } },
            "mem" => basis with { WithExecutor = basis.WithExecutor with { MemMb = 129 } },
            "port" => basis with { HostPorts = [new HostPortRequest("main", 80, 8081, "TCP")] },
            "wildcard port" => basis with { HostPorts = [new HostPortRequest("main", 80, 8080, "TCP"), new HostPortRequest("main", 90, 0, "TCP")] },
            "protocol" => basis with { HostPorts = [new HostPortRequest("main", 80, 8080, "UDP")] },
            "selector value" => basis with { NodeSelector = [new("rack", "r2")] },
            _ => basis with { NodeSelector = [new("zone", "r1")] },
        };

        Assert.NotEqual(FeasibilityClass.Of(basis), FeasibilityClass.Of(other));
    }
}

/// <summary>Each filter signs its own part of the class (kube-scheduler's SignPlugin).</summary>
public sealed class FeasibilitySigningTests
{
    [Fact]
    public void Of_EveryFilterSignsItsPart_InPipelineOrder()
    {
        var pod = Pod(cpus: 0.5, mem: 128, nodeSelector: new() { ["zone"] = "z1" }, ports: [new HostPortRequest("main", 80, 8080, "TCP")]);

        var key = PlacementPipeline.Default().FeasibilityClassOf(pod);

        Assert.Equal("Role()NodeSelector(zone=z1,)Resources(0.5|128|0)HostPorts(TCP:8080,)", key);
    }

    [Fact]
    public void Of_NewFilterWithItsOwnInput_SplitsPodsTheOldFiltersThoughtAlike()
    {
        var filters = new IPlacementFilter[] { new ResourcesFilter(), new OwnerFilter() };
        var a = Pod(name: "a", owner: "rc-1");
        var b = Pod(name: "b", owner: "rc-2");

        Assert.Equal(FeasibilityClass.Of(a), FeasibilityClass.Of(b));
        Assert.NotEqual(FeasibilityClass.Of(filters, a), FeasibilityClass.Of(filters, b));
    }

    /// <summary>The point of the class: pods of one class get the same verdict from every filter on every agent.</summary>
    [Fact]
    public void Of_SameClass_SameVerdictOnEveryAgent()
    {
        var pipeline = PlacementPipeline.Default();
        string[] zones = ["z1", "z2"];
        var agents = new List<AgentCandidate>();
        for (var i = 0; i < 24; i++)
        {
            agents.Add(Agent($"a{i}", cpus: i % 4, mem: 64 * (i % 5), ports: i % 3 == 0 ? [(8080, 8080)] : [(31000, 31001)],
                attributes: new() { ["zone"] = zones[i % 2] }));
        }

        var pods = new List<PodRequirements>();
        foreach (var cpus in new[] { 0.5, 2 })
        {
            foreach (var mem in new[] { 64.0, 200 })
            {
                foreach (var zone in new[] { "z1", "z2" })
                {
                    foreach (var ports in new HostPortRequest[][] { [], [new("c", 80, 8080, "TCP")], [new("c", 80, 0, "TCP"), new("d", 81, 0, "TCP")] })
                    {
                        pods.Add(Pod(cpus: cpus, mem: mem, nodeSelector: new() { [NodeLabelsZone] = zone }, ports: ports, name: $"p{pods.Count}", owner: $"o{pods.Count % 3}"));
                        pods.Add(Pod(cpus: cpus, mem: mem, nodeSelector: new() { [NodeLabelsZone] = zone }, ports: [.. ports.Select(p => p with { Container = "other" })], name: $"q{pods.Count}", strategy: PlacementStrategy.BinPack));
                    }
                }
            }
        }

        foreach (var group in pods.GroupBy(pipeline.FeasibilityClassOf))
        {
            var first = group.First();
            Assert.True(group.Count() >= 2, "each class here has look-alikes that differ only in what no filter reads");
            foreach (var other in group.Skip(1))
            {
                foreach (var agent in agents)
                {
                    Assert.Equal(
                        pipeline.Filters.Select(f => f.Filter(first, agent).Fits),
                        pipeline.Filters.Select(f => f.Filter(other, agent).Fits));
                }
            }
        }

        Assert.Equal(pods.Count / 2, pods.GroupBy(pipeline.FeasibilityClassOf).Count());
    }

    private const string NodeLabelsZone = "zone";

    /// <summary>A filter that reads the owner, which no built-in filter signs.</summary>
    private sealed class OwnerFilter : IPlacementFilter
    {
        public string Name => "Owner";

        public PlacementStatus Filter(PodRequirements pod, AgentCandidate agent) =>
            pod.OwnerUid == "rc-1" ? PlacementStatus.Yes(Name) : PlacementStatus.No(Name, "wrong owner");

        public void Sign(PodRequirements pod, System.Text.StringBuilder signature) => signature.Append(pod.OwnerUid);
    }
}
