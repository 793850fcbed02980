using System.Collections.Concurrent;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// One instance of each low-cardinality string the master keeps per task (resource names, roles, task names): protobuf
/// decodes every message's strings anew, and 10,000 tasks kept ~75,000 copies of a handful (2.4 MB). Bounded: once
/// full, a string not pooled yet is kept as it came (a framework naming every task uniquely fills it and no more).
/// </summary>
internal sealed class StringPool(int maxEntries)
{
    private readonly ConcurrentDictionary<string, string> _pool = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The master's pool, shared by every master in the process.</summary>
    public static StringPool Master { get; } = new(4096);

    public int Count => Volatile.Read(ref _count);

    /// <summary>The pooled instance equal to <paramref name="value"/>; <paramref name="value"/> itself when new and the pool is full.</summary>
    public string Of(string value)
    {
        if (_pool.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        // A counter of our own: ConcurrentDictionary.Count takes every lock.
        if (Count >= maxEntries)
        {
            return value;
        }

        pooled = _pool.GetOrAdd(value, value);
        if (ReferenceEquals(pooled, value))
        {
            Interlocked.Increment(ref _count);
        }

        return pooled;
    }
}
