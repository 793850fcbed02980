using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

/// <summary>ACCEPT calls as our scheduler sends them: a pod is a LAUNCH_GROUP under the DEFAULT executor.</summary>
internal static class Launches
{
    public static Call Group(FrameworkID frameworkId, Offer offer, string pod, params string[] containers)
    {
        var role = offer.AllocationInfo?.Role;
        var executor = new ExecutorInfo
        {
            Type = ExecutorInfo.Types.Type.Default,
            ExecutorId = new() { Value = $"pod.{pod}" },
            FrameworkId = frameworkId,
            Container = new() { Type = ContainerInfo.Types.Type.Mesos },
            Resources = { Scalar("cpus", 0.1, role), Scalar("mem", 32, role), Scalar("disk", 10, role) },
        };
        var group = new TaskGroupInfo();
        foreach (var container in containers)
        {
            group.Tasks.Add(new TaskInfo
            {
                Name = container,
                TaskId = new() { Value = $"{pod}.{container}" },
                AgentId = offer.AgentId,
                Resources = { Scalar("cpus", 0.5, role), Scalar("mem", 128, role) },
                Command = new() { Value = "sleep 1000" },
            });
        }

        return Accept(offer, new Offer.Types.Operation
        {
            Type = Offer.Types.Operation.Types.Type.LaunchGroup,
            LaunchGroup = new() { Executor = executor, TaskGroup = group },
        });
    }

    /// <summary>A LAUNCH of one command task (Mesos' command executor, whose ID is the task's).</summary>
    public static Call Command(Offer offer, string taskId) => Accept(offer, new Offer.Types.Operation
    {
        Type = Offer.Types.Operation.Types.Type.Launch,
        Launch = new()
        {
            TaskInfos =
            {
                new TaskInfo
                {
                    Name = taskId,
                    TaskId = new() { Value = taskId },
                    AgentId = offer.AgentId,
                    Resources = { Scalar("cpus", 0.5, offer.AllocationInfo?.Role), Scalar("mem", 128, offer.AllocationInfo?.Role) },
                    Command = new() { Value = "sleep 1000" },
                },
            },
        },
    });

    public static Call Accept(Offer offer, params Offer.Types.Operation[] operations) => new()
    {
        Type = Call.Types.Type.Accept,
        Accept = new() { OfferIds = { offer.Id }, Operations = { operations }, Filters = new() { RefuseSeconds = 0 } },
    };

    public static Resource Scalar(string name, double value, string? role)
    {
        var resource = new Resource { Name = name, Type = Value.Types.Type.Scalar, Scalar = new() { Value = value } };
        if (role is not null)
        {
            resource.AllocationInfo = new() { Role = role };
        }

        return resource;
    }
}
