namespace KubeMesos.Framework.Store;

/// <summary>
/// Wakes in-process watchers after a write commits: each write completes the current task and starts a new one.
/// A watcher takes <see cref="Next"/> <em>before</em> reading the log, so a write between its read and its wait
/// still wakes it (no lost wake-ups, no polling).
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
