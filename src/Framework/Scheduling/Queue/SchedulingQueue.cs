namespace KubeMesos.Framework.Scheduling.Queue;

/// <summary>
/// Pending pods, first come first served. A pod that fit nowhere waits with exponential backoff (initial, doubling,
/// capped) unless a change that could let it fit (a new offer, freed resources, a new agent) wakes every waiting pod
/// early. Owned by the scheduler loop: not thread-safe.
/// </summary>
public sealed class SchedulingQueue(TimeSpan initialBackoff, TimeSpan maxBackoff)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _sequence;

    public int Count => _entries.Count;

    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>Every waiting pod, ready or backing off.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>Adds a pod at the back of the queue (no-op when it is already queued).</summary>
    public void Add(string key)
    {
        if (!_entries.ContainsKey(key))
        {
            _entries[key] = new Entry(++_sequence);
        }
    }

    public bool Remove(string key) => _entries.Remove(key);

    /// <summary>Pods that may be tried now, in arrival order.</summary>
    public IReadOnlyList<string> Ready(DateTimeOffset now) =>
        [.. _entries.Where(e => e.Value.NotBefore is null || e.Value.NotBefore <= now).OrderBy(e => e.Value.Sequence).Select(e => e.Key)];

    /// <summary>The pod fit nowhere: it waits 1 s, 2 s, 4 s, ... up to the cap before it is tried again.</summary>
    public TimeSpan Backoff(string key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return TimeSpan.Zero;
        }

        entry.Attempts++;
        var wait = BackoffFor(entry.Attempts);
        entry.NotBefore = now + wait;
        return wait;
    }

    public int AttemptsOf(string key) => _entries.TryGetValue(key, out var entry) ? entry.Attempts : 0;

    /// <summary>A change that could let waiting pods fit: all of them may be tried at once (their attempt counts stay).</summary>
    public void WakeAll()
    {
        foreach (var entry in _entries.Values)
        {
            entry.NotBefore = null;
        }
    }

    /// <summary>The earliest time a waiting pod becomes ready; null when nothing waits.</summary>
    public DateTimeOffset? NextWake => _entries.Values.Where(e => e.NotBefore is not null).Min(e => e.NotBefore);

    internal TimeSpan BackoffFor(int attempts)
    {
        var ticks = initialBackoff.Ticks * Math.Pow(2, Math.Min(attempts - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(ticks, maxBackoff.Ticks));
    }

    private sealed class Entry(long sequence)
    {
        public long Sequence { get; } = sequence;

        public int Attempts { get; set; }

        public DateTimeOffset? NotBefore { get; set; }
    }
}
