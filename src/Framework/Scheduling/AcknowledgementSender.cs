using System.Threading.Channels;
using KubeMesos.Framework.Mesos.Client;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// Sends ACKNOWLEDGE calls for the scheduler loop, which must not wait for them: a few senders, each one call at a
/// time on a kept-alive connection. Acknowledgements of different tasks are independent, and Mesos sends a task's next
/// update only after the last one is acknowledged, so their order does not matter. Bounded concurrency matters: a pass
/// that stores thousands of updates would otherwise start thousands of HTTP requests (and connections) at once.
/// </summary>
internal sealed class AcknowledgementSender(IMesosCallSender mesos, int senders, Action<Call, MesosCallException> failed)
{
    private readonly Channel<Call> _calls = Channel.CreateUnbounded<Call>(new UnboundedChannelOptions { SingleWriter = true });

    /// <summary>Queues an ACKNOWLEDGE; a failed one is reported to the callback and Mesos resends the update.</summary>
    public void Post(Call acknowledge) => _calls.Writer.TryWrite(acknowledge);

    /// <summary>The senders, until cancelled (queued calls are dropped then: Mesos resends their updates to the next subscription).</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(_ => SendLoopAsync(cancellationToken)));

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var call in _calls.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await mesos.SendAsync(call, cancellationToken).ConfigureAwait(false);
                }
                catch (MesosCallException ex)
                {
                    failed(call, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
