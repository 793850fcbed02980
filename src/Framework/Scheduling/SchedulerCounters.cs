namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// What the framework refused or ignored on the wire, counted so that an operator (and a test) can see it.
/// Thread-safe.
/// </summary>
public sealed class SchedulerCounters
{
    private long _malformedEvents;
    private long _ignoredEvents;
    private long _staleUpdates;
    private long _unknownTaskUpdates;
    private long _placementFailures;

    /// <summary>Event records that did not decode; the stream goes on with the next record.</summary>
    public long MalformedEvents => Interlocked.Read(ref _malformedEvents);

    /// <summary>Events that made no sense in our state: an unknown offer rescinded, an unknown type, a missing sub-message.</summary>
    public long IgnoredEvents => Interlocked.Read(ref _ignoredEvents);

    /// <summary>Updates that repeated a state or tried to leave a terminal state.</summary>
    public long StaleUpdates => Interlocked.Read(ref _staleUpdates);

    /// <summary>Updates for tasks no pod owns (they are killed).</summary>
    public long UnknownTaskUpdates => Interlocked.Read(ref _unknownTaskUpdates);

    /// <summary>Placement attempts that found no agent.</summary>
    public long PlacementFailures => Interlocked.Read(ref _placementFailures);

    internal void MalformedEvent() => Interlocked.Increment(ref _malformedEvents);

    internal void IgnoredEvent() => Interlocked.Increment(ref _ignoredEvents);

    internal void StaleUpdate() => Interlocked.Increment(ref _staleUpdates);

    internal void UnknownTaskUpdate() => Interlocked.Increment(ref _unknownTaskUpdates);

    internal void PlacementFailure() => Interlocked.Increment(ref _placementFailures);
}
