using k8s.Models;
using KubeMesos.Framework.Scheduling;
using Mesos.V1;

namespace KubeMesos.Tests.Unit.Framework.Scheduling;

public sealed class LaunchGroupBuilderTests
{
    private static Offer OfferFromVector()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Mesos", "Vectors", "event-offers.bin"));
        return global::Mesos.V1.Scheduler.Event.Parser.ParseFrom(bytes).Offers.Offers_[0];
    }

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "web-0", NamespaceProperty = "default", Uid = "3f0c8a52-1111-2222-3333-444455556666" },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "app", Image = "docker.io/library/nginx:1.25", Command = ["nginx"], Args = ["-g", "daemon off;"],
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("256Mi") } },
                },
                new V1Container { Name = "sidecar", Image = "busybox:1.36", Env = [new V1EnvVar { Name = "POD_NAME", Value = "web-0" }] },
            ],
        },
    };

    [Fact]
    public void Build_TwoContainers_LaunchGroupWithDefaultExecutorAndOneTaskPerContainer()
    {
        var offer = OfferFromVector();
        var frameworkId = new FrameworkID { Value = "fw-0000" };

        var operation = LaunchGroupBuilder.Build(Pod(), offer, frameworkId, new SchedulerOptions());

        Assert.Equal(Offer.Types.Operation.Types.Type.LaunchGroup, operation.Type);
        var executor = operation.LaunchGroup.Executor;
        Assert.Equal(ExecutorInfo.Types.Type.Default, executor.Type);
        Assert.Equal("pod.3f0c8a52-1111-2222-3333-444455556666", executor.ExecutorId.Value);
        Assert.Equal(frameworkId, executor.FrameworkId);
        Assert.Null(executor.Command);
        Assert.Equal(ContainerInfo.Types.Type.Mesos, executor.Container.Type);
        Assert.Null(executor.Container.Mesos);
        Assert.Equal(["cpus", "mem", "disk"], executor.Resources.Select(r => r.Name));

        var tasks = operation.LaunchGroup.TaskGroup.Tasks;
        Assert.Equal(["app", "sidecar"], tasks.Select(t => t.Name));
        Assert.All(tasks, t => Assert.Equal(offer.AgentId, t.AgentId));
        Assert.All(tasks, t => Assert.All(t.Resources, r => Assert.Equal("kubemesos", r.AllocationInfo.Role)));
        Assert.Equal("3f0c8a52-1111-2222-3333-444455556666.app", tasks[0].TaskId.Value);
        Assert.Equal(0.5, tasks[0].Resources.Single(r => r.Name == "cpus").Scalar.Value);
        Assert.Equal(256, tasks[0].Resources.Single(r => r.Name == "mem").Scalar.Value);
        Assert.Equal("docker.io/library/nginx:1.25", tasks[0].Container.Mesos.Image.Docker.Name);
        Assert.False(tasks[0].Command.Shell);
        Assert.Equal("nginx", tasks[0].Command.Value);
        Assert.Equal(["nginx", "-g", "daemon off;"], tasks[0].Command.Arguments);
        Assert.Equal("POD_NAME", tasks[1].Command.Environment.Variables.Single().Name);
    }

    [Fact]
    public void PodUidOf_TaskIdWeMade_ReturnsUid() =>
        Assert.Equal("abc-1", PodTaskIds.PodUidOf(PodTaskIds.Task(new V1Pod { Metadata = new V1ObjectMeta { Uid = "abc-1" } }, "app")));
}
