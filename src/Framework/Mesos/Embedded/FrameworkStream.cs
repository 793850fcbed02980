using System.Threading.Channels;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// One SUBSCRIBE response: the events queued for it, in order, and its stream ID. The master writes under its lock
/// (non-blocking); the HTTP request drains the channel onto the wire. Unbounded because the master must never wait on
/// a slow scheduler while holding its lock; a real master buffers the same way in its HTTP connection.
/// </summary>
internal sealed class FrameworkStream(bool json)
{
    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true });

    public string Id { get; } = Guid.NewGuid().ToString();

    /// <summary>The framework this stream belongs to; set once at SUBSCRIBE, under the master lock.</summary>
    public string? FrameworkId { get; set; }
    public bool Json { get; } = json;
    public ITimer? HeartbeatTimer { get; set; }
    public ChannelReader<Event> Events => _events.Reader;

    public void Send(Event e) => _events.Writer.TryWrite(e);

    /// <summary>Ends the response after the queued events.</summary>
    public void Close()
    {
        HeartbeatTimer?.Dispose();
        HeartbeatTimer = null;
        _events.Writer.TryComplete();
    }
}
