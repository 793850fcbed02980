namespace KubeMesos.Framework.Scheduling;

/// <summary>What the scheduler loop records on its instruments (<see cref="SchedulerCounters"/>) besides plain counts.</summary>
public sealed partial class PodScheduler
{
    // When each waiting pod entered the queue, for the placement latency. Kept while a failed ACCEPT puts the pod back,
    // so its latency counts from when it first waited.
    private readonly Dictionary<string, DateTimeOffset> _queuedAt = new(StringComparer.Ordinal);

    /// <summary>A pod not yet queued is about to wait for a placement: new, or requeued after a launch the master refused.</summary>
    private void MarkQueued(string key)
    {
        _queuedAt.TryAdd(key, _time.GetUtcNow());
        _counters.PodQueued();
    }

    /// <summary>A pod leaves the queue without being placed (deleted, gone, or adopted from an earlier run).</summary>
    private void Dequeue(string key)
    {
        _queue.Remove(key);
        _queuedAt.Remove(key);
    }

    private void CountPlaced(string key, DateTimeOffset now) =>
        _counters.PodPlaced(_queuedAt.Remove(key, out var queuedAt) ? now - queuedAt : TimeSpan.Zero);
}
