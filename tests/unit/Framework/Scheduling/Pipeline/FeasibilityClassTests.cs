using KubeMesos.Framework.Scheduling.Pipeline;
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
