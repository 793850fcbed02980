using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Scheduling.Insight;

namespace KubeMesos.Tests.Unit.Dashboard;

/// <summary>
/// Reads the scheduler's inbox in place of the loop and answers explanation questions from <see cref="Answer"/>, so a
/// page asks the real <see cref="SchedulerInsight"/> and gets an explanation the test chose. Counts the questions.
/// </summary>
internal sealed class SchedulerStandIn : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _questions;

    public SchedulerStandIn(SchedulerInbox inbox)
    {
        _loop = Task.Run(async () =>
        {
            try
            {
                await foreach (var message in inbox.Reader.ReadAllAsync(_stop.Token))
                {
                    if (message is ExplainPod q)
                    {
                        Interlocked.Increment(ref _questions);
                        q.Reply.TrySetResult(Answer(q.Key));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        });
    }

    public Func<string, PodExplanation?> Answer { get; set; } = _ => null;

    public int Questions => Volatile.Read(ref _questions);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
