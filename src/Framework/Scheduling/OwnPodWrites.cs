namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// The versions of the scheduler's own pod writes whose echo on the pod watch would tell it nothing: the watch leaves
/// them out before decoding them (a burst's pod is written twice by the scheduler, bind and Running, and each echo was
/// a whole pod decoded only to be found equal to what the loop already held). The loop says which writes qualify; the
/// watcher asks, in version order. An echo that arrives before its write is registered is simply delivered as before.
/// </summary>
/// <remarks>Thread-safe: the scheduler loop registers, the pod watcher asks.</remarks>
public sealed class OwnPodWrites
{
    private readonly Lock _lock = new();
    private readonly SortedSet<long> _expected = [];

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

    public void Expect(long version)
    {
        lock (_lock)
        {
            _expected.Add(version);
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
            while (_expected.Count > 0 && _expected.Min < version)
            {
                _expected.Remove(_expected.Min);
            }

            return _expected.Remove(version);
        }
    }

    /// <summary>Forgets every registration (the watch starts over from a list).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _expected.Clear();
        }
    }
}
