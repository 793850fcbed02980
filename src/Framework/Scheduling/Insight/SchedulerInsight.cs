using k8s.Models;

namespace KubeMesos.Framework.Scheduling.Insight;

/// <summary>
/// Asks the scheduler loop for explanations and dry runs from any thread: posts a query into the
/// <see cref="SchedulerInbox"/> and awaits the loop's reply, so no caller touches loop state.
/// </summary>
public sealed class SchedulerInsight(SchedulerInbox inbox)
{
    public Task<PodExplanation?> ExplainAsync(string podKey, CancellationToken ct) =>
        AskAsync<PodExplanation?>(reply => new ExplainPod(podKey, reply), ct);

    public Task<FitResult> FitAsync(V1Pod pod, int replicas, CancellationToken ct) =>
        AskAsync<FitResult>(reply => new FitPods(pod, replicas, reply), ct);

    private async Task<T> AskAsync<T>(Func<TaskCompletionSource<T>, InsightQuery> query, CancellationToken ct)
    {
        // Continuations off the loop's thread: the caller's work after the answer must not run on the loop.
        var reply = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        inbox.Post(query(reply));
        return await reply.Task.WaitAsync(ct).ConfigureAwait(false);
    }
}
