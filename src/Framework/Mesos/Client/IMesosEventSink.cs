using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>
/// Receives what the master says. Called from the client's single stream-reading loop, one call at a time and in
/// stream order; an implementation should hand work to its own loop rather than block the stream.
/// </summary>
public interface IMesosEventSink
{
    /// <summary>SUBSCRIBED arrived on a new stream (first subscription or a resubscription).</summary>
    ValueTask OnSubscribedAsync(FrameworkID frameworkId, Uri master, CancellationToken cancellationToken);

    /// <summary>Any other event, in stream order (HEARTBEAT included).</summary>
    ValueTask OnEventAsync(Event mesosEvent, CancellationToken cancellationToken);

    /// <summary>The stream ended or was declared dead; calls fail until the next <see cref="OnSubscribedAsync"/>.</summary>
    ValueTask OnDisconnectedAsync(string reason, CancellationToken cancellationToken);
}
