using System.Threading.Channels;
using KubeMesos.Framework.Mesos.Client;
using KubeMesos.Framework.Store;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// The scheduler loop's mailbox. The Mesos client and the pod service post into it from their own threads; only
/// <see cref="PodScheduler"/> reads. Unbounded on purpose: the master's stream must never be blocked by us (it
/// would be declared dead), and pods are bounded by the store.
/// </summary>
public sealed class SchedulerInbox : IMesosEventSink
{
    private readonly Channel<SchedulerMessage> _channel = Channel.CreateUnbounded<SchedulerMessage>(
        new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<SchedulerMessage> Reader => _channel.Reader;

    /// <summary>The loop's own pod writes whose echo the pod watcher need not post (see <see cref="OwnWrites"/>).</summary>
    public OwnWrites OwnPodWrites { get; } = new();

    public void Post(SchedulerMessage message) => _channel.Writer.TryWrite(message);

    public ValueTask OnSubscribedAsync(FrameworkID frameworkId, Uri master, CancellationToken cancellationToken)
    {
        Post(new MasterSubscribed(frameworkId, master));
        return ValueTask.CompletedTask;
    }

    public ValueTask OnEventAsync(Event mesosEvent, CancellationToken cancellationToken)
    {
        if (mesosEvent.Type != Event.Types.Type.Heartbeat)
        {
            Post(new MasterEvent(mesosEvent));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnDisconnectedAsync(string reason, CancellationToken cancellationToken)
    {
        Post(new MasterDisconnected(reason));
        return ValueTask.CompletedTask;
    }
}
