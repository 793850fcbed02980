using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>Sends calls on the current subscription (framework id and stream id are filled in).</summary>
public interface IMesosCallSender
{
    /// <exception cref="MesosCallException">not subscribed, refused, or unreachable.</exception>
    Task SendAsync(Call call, CancellationToken cancellationToken);
}
