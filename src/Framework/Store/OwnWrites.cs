namespace KubeMesos.Framework.Store;

/// <summary>
/// The versions of this process's own writes whose echo on a watch would tell the watcher nothing new: the watch
/// leaves them out before decoding them (<see cref="IObjectStore.WatchAsync{T}(string?, long?, Func{long, bool}, CancellationToken)"/>).
/// The scheduler's pod writes (its loop already holds what it wrote) and the event recorder's events (it tells the
/// feed itself) use it. The writer registers, the watcher asks in version order. An echo the watch reaches before its
/// write is registered is delivered as before; <see cref="TryExpect"/> tells the writer so.
/// </summary>
/// <remarks>Thread-safe: writers register, the watcher asks.</remarks>
public sealed class OwnWrites
{
    private readonly Lock _lock = new();
    private readonly SortedSet<long> _expected = [];
    private long _passed;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _expected.Count;
            }
        }
    }

    public void Expect(long version) => TryExpect(version);

    /// <summary>
    /// Registers the write at <paramref name="version"/>; false when the watch has already gone past it (its echo was
    /// delivered, or a list the watch started from included it), so a writer that stands in for the echo knows it
    /// need not.
    /// </summary>
    public bool TryExpect(long version)
    {
        lock (_lock)
        {
            if (version <= _passed)
            {
                return false;
            }

            _expected.Add(version);
            return true;
        }
    }

    /// <summary>
    /// Whether to leave out the change at <paramref name="version"/>. The watch goes in version order, so versions
    /// below it were already passed (their echo came before they were registered, or a relist skipped them): dropped.
    /// </summary>
    public bool Skip(long version)
    {
        lock (_lock)
        {
            _passed = Math.Max(_passed, version);
            while (_expected.Count > 0 && _expected.Min < version)
            {
                _expected.Remove(_expected.Min);
            }

            return _expected.Remove(version);
        }
    }

    /// <summary>Forgets every registration: the watch starts over, from a list up to <paramref name="listed"/>.</summary>
    public void Clear(long listed = 0)
    {
        lock (_lock)
        {
            _expected.Clear();
            _passed = listed;
        }
    }
}
