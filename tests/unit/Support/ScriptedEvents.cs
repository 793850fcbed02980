using Google.Protobuf;
using Mesos.V1;
using Mesos.V1.Scheduler;
using MesosTaskStatus = global::Mesos.V1.TaskStatus;

namespace KubeMesos.Tests.Unit.Support;

/// <summary>The events a <see cref="ScriptedMaster"/> test writes: framework <c>fw-1</c>, one agent <c>S0</c> (agent-0).</summary>
public static class ScriptedEvents
{
    public const string FrameworkId = "fw-1";
    public const string AgentId = "S0";

    public static Event Subscribed() => new()
    {
        Type = Event.Types.Type.Subscribed,
        Subscribed = new Event.Types.Subscribed { FrameworkId = new FrameworkID { Value = FrameworkId }, HeartbeatIntervalSeconds = 15 },
    };

    /// <summary>An offer of agent-0: 4 cpus, 4096 MB, 1000 MB disk.</summary>
    public static Event Offer(string id) => new()
    {
        Type = Event.Types.Type.Offers,
        Offers = new Event.Types.Offers
        {
            Offers_ =
            {
                new Offer
                {
                    Id = new OfferID { Value = id }, FrameworkId = new FrameworkID { Value = FrameworkId }, AgentId = new AgentID { Value = AgentId },
                    Hostname = "agent-0",
                    Resources =
                    {
                        new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 4 } },
                        new Resource { Name = "mem", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 4096 } },
                        new Resource { Name = "disk", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 1000 } },
                    },
                },
            },
        },
    };

    /// <summary>A status update; with a reason it comes from the master (as reconciliation answers do), else from the executor.</summary>
    public static Event Update(string taskId, TaskState state, bool uuid, MesosTaskStatus.Types.Reason? reason = null)
    {
        var status = new MesosTaskStatus
        {
            TaskId = new TaskID { Value = taskId },
            State = state,
            AgentId = new AgentID { Value = AgentId },
            Source = reason is null ? MesosTaskStatus.Types.Source.Executor : MesosTaskStatus.Types.Source.Master,
        };
        if (uuid)
        {
            status.Uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray());
        }

        if (reason is { } r)
        {
            status.Reason = r;
        }

        return new Event { Type = Event.Types.Type.Update, Update = new Event.Types.Update { Status = status } };
    }
}
