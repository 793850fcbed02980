namespace KubeMesos.Framework.Store;

/// <summary>
/// The newest changes this process's writer committed, in version order, so that watchers take them from memory:
/// one JSON string per change, shared by every watcher, instead of each watcher querying the change log and
/// transcoding its own copy (a leader runs three pod watchers). Complete above <c>floor</c>: every committed change
/// with a larger version is here, so a watcher that has seen <c>floor</c> or later misses nothing; one further behind,
/// or behind the log's compaction, reads the log as before (and gets its 410 Gone from there).
/// </summary>
/// <remarks>Thread-safe: one writer, any number of watchers.</remarks>
internal sealed class RecentChanges(int capacity, long version, long compacted)
{
    private readonly Lock _lock = new();
    private readonly StoreChange[] _ring = new StoreChange[Math.Max(1, capacity)];
    private int _start;
    private int _count;
    private long _floor = version;
    private long _latest = version;
    private long _compacted = compacted;

    /// <summary>
    /// Records a committed group: <paramref name="before"/> is the store's version when its transaction began. A version
    /// other than the last one recorded means another writer committed in between: what came before is dropped.
    /// </summary>
    public void Committed(long before, IReadOnlyList<StoreChange> changes, long compacted)
    {
        lock (_lock)
        {
            if (before != _latest)
            {
                _start = 0;
                _count = 0;
                _floor = before;
            }

            foreach (var change in changes)
            {
                if (_count == _ring.Length)
                {
                    _floor = _ring[_start].Version;
                    _start = (_start + 1) % _ring.Length;
                    _count--;
                }

                _ring[(_start + _count) % _ring.Length] = change;
                _count++;
                _latest = change.Version;
            }

            _compacted = Math.Max(_compacted, compacted);
        }
    }

    /// <summary>
    /// The changes to <paramref name="resource"/> (in <paramref name="namespace"/>, all when null) after
    /// <paramref name="seen"/>, at most <paramref name="limit"/>; <paramref name="next"/> is what the watcher has then
    /// seen. False when memory does not hold everything after <paramref name="seen"/>.
    /// </summary>
    public bool TryRead(string resource, string? @namespace, long seen, int limit, List<StoreChange> into, out long next)
    {
        lock (_lock)
        {
            next = seen;
            if (seen < _floor || seen < _compacted || seen > _latest)
            {
                return false;
            }

            for (var i = FirstAfter(seen); i < _count; i++)
            {
                var change = _ring[(_start + i) % _ring.Length];
                if (change.Resource != resource || (@namespace is not null && change.Namespace != @namespace))
                {
                    continue;
                }

                into.Add(change);
                if (into.Count == limit)
                {
                    next = change.Version;
                    return true;
                }
            }

            next = _latest;
            return true;
        }
    }

    private int FirstAfter(long version)
    {
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_ring[(_start + middle) % _ring.Length].Version <= version)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
