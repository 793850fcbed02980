using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Tests.Unit.Mesos;

/// <summary>Vector messages built in code, field by field as their .txtpb says (order and explicit defaults included).</summary>
internal static class VectorMessages
{
    public static Call AcceptLaunchGroup()
    {
        var executor = new ExecutorInfo
        {
            Type = ExecutorInfo.Types.Type.Default,
            ExecutorId = new() { Value = "pod.default.web-0" },
            FrameworkId = new() { Value = Ids.Framework },
            Name = "pod default/web-0",
            Container = new() { Type = ContainerInfo.Types.Type.Mesos },
            Labels = Labels(("kubemesos.io/pod", "default/web-0")),
        };
        executor.Resources.Add([Scalar("cpus", 0.1), Scalar("mem", 32), Scalar("disk", 10)]);

        var app = new TaskInfo
        {
            Name = "app",
            TaskId = new() { Value = "default.web-0.app" },
            AgentId = new() { Value = Ids.Agent0 },
            Command = new() { Shell = false, Value = "nginx", Arguments = { "nginx", "-g", "daemon off;" } },
            Container = MesosImage("docker.io/library/nginx:1.25"),
            Labels = Labels(("kubemesos.io/pod", "default/web-0"), ("kubemesos.io/container", "app")),
        };
        var ports = new Resource
        {
            Name = "ports",
            Type = Value.Types.Type.Ranges,
            Ranges = new() { Range = { new Value.Types.Range { Begin = 31000, End = 31000 } } },
            AllocationInfo = new() { Role = "kubemesos" },
        };
        app.Resources.Add([Scalar("cpus", 0.5), Scalar("mem", 256), ports]);

        var sidecar = new TaskInfo
        {
            Name = "sidecar",
            TaskId = new() { Value = "default.web-0.sidecar" },
            AgentId = new() { Value = Ids.Agent0 },
            Command = new()
            {
                Shell = true,
                Value = "while true; do sleep 30; done",
                Environment = new() { Variables = { new global::Mesos.V1.Environment.Types.Variable { Name = "POD_NAME", Value = "web-0" } } },
            },
            Container = MesosImage("busybox:1.36"),
            Labels = Labels(("kubemesos.io/pod", "default/web-0"), ("kubemesos.io/container", "sidecar")),
        };
        sidecar.Resources.Add([Scalar("cpus", 0.25), Scalar("mem", 64)]);

        return new Call
        {
            FrameworkId = new() { Value = Ids.Framework },
            Type = Call.Types.Type.Accept,
            Accept = new()
            {
                OfferIds = { new OfferID { Value = Ids.Offer0 } },
                Operations =
                {
                    new Offer.Types.Operation
                    {
                        Type = Offer.Types.Operation.Types.Type.LaunchGroup,
                        LaunchGroup = new() { Executor = executor, TaskGroup = new() { Tasks = { app, sidecar } } },
                    },
                },
                Filters = new() { RefuseSeconds = 10 },
            },
        };
    }

    private static Resource Scalar(string name, double value) => new()
    {
        Name = name,
        Type = Value.Types.Type.Scalar,
        Scalar = new() { Value = value },
        AllocationInfo = new() { Role = "kubemesos" },
    };

    private static ContainerInfo MesosImage(string image) => new()
    {
        Type = ContainerInfo.Types.Type.Mesos,
        Mesos = new() { Image = new() { Type = Image.Types.Type.Docker, Docker = new() { Name = image } } },
    };

    private static Labels Labels(params (string Key, string Value)[] labels)
    {
        var result = new Labels();
        result.Labels_.Add(labels.Select(l => new Label { Key = l.Key, Value = l.Value }));
        return result;
    }
}
