using k8s.Models;
using KubeMesos.Framework.Scheduling;

namespace KubeMesos.Tests.Unit.Framework.Scheduling;

public sealed class PodResourcesTests
{
    private static readonly SchedulerOptions Options = new() { DefaultContainerCpus = 0.25, DefaultContainerMemMb = 64 };

    private static V1Container Container(string name, string? cpu = null, string? mem = null, bool asLimits = false)
    {
        var values = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            values["cpu"] = new ResourceQuantity(cpu);
        }

        if (mem is not null)
        {
            values["memory"] = new ResourceQuantity(mem);
        }

        return new V1Container
        {
            Name = name,
            Image = "nginx",
            Resources = asLimits ? new V1ResourceRequirements { Limits = values } : new V1ResourceRequirements { Requests = values },
        };
    }

    [Fact]
    public void ForContainer_Requests_ConvertsQuantitiesToMesosUnits()
    {
        var demand = PodResources.ForContainer(Container("a", "500m", "256Mi"), Options);

        Assert.Equal(0.5, demand.Cpus);
        Assert.Equal(256, demand.MemMb);
    }

    [Fact]
    public void ForContainer_OnlyLimits_UsesLimits()
    {
        var demand = PodResources.ForContainer(Container("a", "2", "1Gi", asLimits: true), Options);

        Assert.Equal(2, demand.Cpus);
        Assert.Equal(1024, demand.MemMb);
    }

    [Fact]
    public void ForContainer_NothingSet_UsesConfiguredDefaults()
    {
        var demand = PodResources.ForContainer(new V1Container { Name = "a", Image = "x" }, Options);

        Assert.Equal(new ResourceDemand(0.25, 64, 0), demand);
    }

    [Fact]
    public void ForPod_SeveralContainers_SumsThem()
    {
        var pod = new V1Pod { Spec = new V1PodSpec { Containers = [Container("a", "250m", "128Mi"), Container("b")] } };

        var demand = PodResources.ForPod(pod, Options);

        Assert.Equal(0.5, demand.Cpus);
        Assert.Equal(192, demand.MemMb);
    }

    [Fact]
    public void WithExecutor_AddsDefaultExecutorShare()
    {
        var options = new SchedulerOptions { ExecutorCpus = 0.1, ExecutorMemMb = 32, ExecutorDiskMb = 10 };

        var demand = PodResources.WithExecutor(new ResourceDemand(1, 100, 0), options);

        Assert.Equal(new ResourceDemand(1.1, 132, 10), demand);
    }

    [Fact]
    public void Fits_WithinMesosRounding_IsTrue()
    {
        var offer = new ResourceDemand(0.3, 96, 10);

        Assert.True(offer.Fits(new ResourceDemand(0.1 + 0.2, 96, 10)));
        Assert.False(offer.Fits(new ResourceDemand(0.302, 96, 10)));
    }
}
