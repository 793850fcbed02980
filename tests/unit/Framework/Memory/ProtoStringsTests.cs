using Google.Protobuf;
using KubeMesos.Framework.Memory;
using Mesos.V1;

namespace KubeMesos.Tests.Unit.Framework.Memory;

public sealed class ProtoStringsTests
{
    [Fact]
    public void Share_TwoDecodedTasks_HoldOneInstanceOfEachRepeatedString_AndStayTheSameMessages()
    {
        var bytes = Task("task-1").ToByteArray();
        var (a, b) = (TaskInfo.Parser.ParseFrom(bytes), TaskInfo.Parser.ParseFrom(bytes));
        Assert.NotSame(a.Resources[0].Name, b.Resources[0].Name);
        var table = new StringTable();

        ProtoStrings.Share(a, table);
        ProtoStrings.Share(b, table);

        Assert.Same(a.Resources[0].Name, b.Resources[0].Name);
        Assert.Same(a.Resources[0].AllocationInfo.Role, b.Resources[1].AllocationInfo.Role);
        Assert.Same(a.Labels.Labels_[0].Key, b.Labels.Labels_[0].Key);
        Assert.Same(a.Container.Docker.Image, b.Container.Docker.Image);
        Assert.Same(a.Command.Uris[0].Value, b.Command.Uris[0].Value);
        Assert.Equal(Task("task-1"), a);
        Assert.Equal(bytes, b.ToByteArray());
    }

    [Fact]
    public void Share_UnsetOptionalStrings_StayUnset()
    {
        var task = Task("task-2");
        ProtoStrings.Share(task, new StringTable());

        Assert.False(task.Command.HasUser);
        Assert.False(task.Command.HasValue);
        Assert.Null(task.Executor);
        Assert.Equal(Task("task-2").ToByteArray(), task.ToByteArray());
    }

    private static TaskInfo Task(string id) => new()
    {
        Name = "default/web",
        TaskId = new TaskID { Value = id },
        AgentId = new AgentID { Value = "agent-S1" },
        Resources =
        {
            new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 0.5 }, AllocationInfo = new Resource.Types.AllocationInfo { Role = "kubemesos" } },
            new Resource { Name = "mem", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 128 }, AllocationInfo = new Resource.Types.AllocationInfo { Role = "kubemesos" } },
        },
        Labels = new Labels { Labels_ = { new Label { Key = "kubemesos.io/pod", Value = "default/web" } } },
        Container = new ContainerInfo { Type = ContainerInfo.Types.Type.Docker, Docker = new ContainerInfo.Types.DockerInfo { Image = "nginx:1.27" } },
        Command = new CommandInfo { Shell = false, Uris = { new CommandInfo.Types.URI { Value = "http://example.com/a" } } },
    };
}
