using k8s;
using k8s.Models;
using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>What the fit line shows.</summary>
public enum FitState
{
    /// <summary>The template is not complete or not valid yet (or asks for no replicas): nothing to ask.</summary>
    Incomplete,

    /// <summary>Asked (or about to be, once typing pauses); the previous answer, if any, still shows.</summary>
    Checking,

    Answered,

    /// <summary>The scheduler did not answer in time (not leading, or busy).</summary>
    Unavailable,
}

/// <summary>
/// The forms' live "will it fit?": each change of the template or the replica count asks the scheduler's dry run
/// (<see cref="SchedulerInsight.FitAsync"/>, the same the <c>fit</c> API asks) once typing has paused for
/// <paramref name="debounce"/>; a newer change cancels an older question, so only the latest answer shows. Owned by one
/// component: <see cref="Changed"/> is called after each answer (marshal it to the renderer), <see cref="Dispose"/>
/// cancels what is pending.
/// </summary>
public sealed class FitCheck(Func<V1Pod, int, CancellationToken, Task<FitResult>> ask, TimeProvider time, TimeSpan debounce, TimeSpan timeout) : IDisposable
{
    private CancellationTokenSource? _pending;
    private string? _asked;

    public FitState State { get; private set; } = FitState.Incomplete;

    /// <summary>The latest answer (kept while a newer question is pending).</summary>
    public FitResult? Result { get; private set; }

    /// <summary>The replica count <see cref="Result"/> answers for.</summary>
    public int Replicas { get; private set; }

    public Func<Task>? Changed { get; set; }

    /// <summary>The question being asked or answered (for tests and diagnostics).</summary>
    public Task Pending { get; private set; } = Task.CompletedTask;

    /// <summary>The form changed: asks again if the pod or the count did (a pod that is not valid yet is not asked about).</summary>
    public void Update(V1Pod pod, int replicas)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var complete = replicas > 0 && !PodValidator.Validate(pod).Any(e => !e.Field.StartsWith("metadata", StringComparison.Ordinal));
        var question = complete ? $"{replicas}|{KubernetesJson.Serialize(pod)}" : "";
        if (question == _asked)
        {
            return;
        }

        _asked = question;
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = null;
        if (!complete)
        {
            State = FitState.Incomplete;
            Result = null;
            return;
        }

        State = FitState.Checking;
        _pending = new CancellationTokenSource();
        Pending = AskAsync(pod, replicas, _pending.Token);
    }

    private async Task AskAsync(V1Pod pod, int replicas, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(debounce, time, cancellationToken).ConfigureAwait(false);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            FitResult answer;
            try
            {
                answer = await ask(pod, replicas, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                State = FitState.Unavailable;
                await NotifyAsync().ConfigureAwait(false);
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            (Result, Replicas, State) = (answer, replicas, FitState.Answered);
            await NotifyAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer change asks instead, or the form was closed.
        }
    }

    private Task NotifyAsync() => Changed?.Invoke() ?? Task.CompletedTask;

    public void Dispose()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = null;
    }
}
