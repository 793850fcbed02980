using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>Builders for the events the master sends (field numbers differ from type numbers, MESOS-V1-FACTS §6).</summary>
internal static class Events
{
    public static Event Subscribed(FrameworkID frameworkId, TimeSpan heartbeat, MasterInfo masterInfo) => new()
    {
        Type = Event.Types.Type.Subscribed,
        Subscribed = new() { FrameworkId = frameworkId, HeartbeatIntervalSeconds = heartbeat.TotalSeconds, MasterInfo = masterInfo },
    };

    public static Event Heartbeat() => new() { Type = Event.Types.Type.Heartbeat };

    public static Event Offers(IEnumerable<Offer> offers)
    {
        var e = new Event { Type = Event.Types.Type.Offers, Offers = new() };
        e.Offers.Offers_.Add(offers);
        return e;
    }

    public static Event Rescind(string offerId) => new()
    {
        Type = Event.Types.Type.Rescind,
        Rescind = new() { OfferId = new() { Value = offerId } },
    };

    public static Event Update(TaskStatus status) => new() { Type = Event.Types.Type.Update, Update = new() { Status = status } };

    public static Event AgentFailure(AgentID agentId) => new()
    {
        Type = Event.Types.Type.Failure,
        Failure = new() { AgentId = agentId },
    };

    public static Event ExecutorFailure(AgentID agentId, ExecutorID executorId, int waitStatus) => new()
    {
        Type = Event.Types.Type.Failure,
        Failure = new() { AgentId = agentId, ExecutorId = executorId, Status = waitStatus },
    };

    public static Event Error(string message) => new() { Type = Event.Types.Type.Error, Error = new() { Message = message } };

    /// <summary>MasterInfo as a real master on 127.0.0.1 fills it; <c>ip</c> is IPv4 packed in network byte order.</summary>
    public static MasterInfo MasterInfo(string masterId, int port) => new()
    {
        Id = masterId,
        Ip = 0x0100007F,
        Port = (uint)port,
        Pid = $"master@127.0.0.1:{port}",
        Hostname = "localhost",
        Version = "1.11.0",
        Address = new() { Hostname = "localhost", Ip = "127.0.0.1", Port = port },
    };
}
