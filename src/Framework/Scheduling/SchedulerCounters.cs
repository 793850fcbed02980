using System.Diagnostics.Metrics;
using KubeMesos.Framework.Diagnostics;
using KubeMesos.Framework.Leadership;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// The scheduler's instruments on the <see cref="KubeMesosMeters.Scheduler"/> meter (exported at <c>/metrics</c>):
/// offers, the pending queue, placements, the link to the master, reconciliation, what the framework refused or ignored
/// on the wire, and whether this replica leads. Each counter also keeps its total since start for in-process readers
/// (tests, the dashboard). Thread-safe: the scheduler loop and the Mesos client record from their own threads, the
/// exporter reads the gauges from its own.
/// </summary>
public sealed class SchedulerCounters
{
    // Seconds from a pod entering the queue to its launch: milliseconds when offers are held, up to minutes when the
    // cluster is full.
    private static readonly IReadOnlyList<double> s_placementBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Tally _malformedEvents;
    private readonly Tally _ignoredEvents;
    private readonly Tally _staleUpdates;
    private readonly Tally _unknownTaskUpdates;
    private readonly Tally _placementFailures;
    private readonly Tally _offersReceived;
    private readonly Tally _offersDeclined;
    private readonly Tally _offersRescinded;
    private readonly Tally _podsQueued;
    private readonly Tally _podsPlaced;
    private readonly Tally _podsFailed;
    private readonly Tally _reconciliations;
    private readonly Tally _subscriptions;
    private readonly Histogram<double> _placementDuration;
    private int _queueDepth;
    private int _offersOutstanding;
    private int _connected;

    public SchedulerCounters(IMeterFactory meterFactory, ILeadershipState leadership)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(leadership);
        var meter = meterFactory.Create(KubeMesosMeters.Scheduler);
        _offersReceived = new(meter, "kubemesos.offers.received", "{offer}", "Resource offers received from the Mesos master.");
        _offersDeclined = new(meter, "kubemesos.offers.declined", "{offer}", "Offers handed back unused (held too long, or no waiting pod could use them).");
        _offersRescinded = new(meter, "kubemesos.offers.rescinded", "{offer}", "Offers the master took back (RESCIND, or their agent was lost).");
        _podsQueued = new(meter, "kubemesos.pods.queued", "{pod}", "Pods that entered the pending queue (new, or requeued after a refused launch).");
        _podsPlaced = new(meter, "kubemesos.pods.placed", "{pod}", "Pods launched onto an agent.");
        _placementFailures = new(meter, "kubemesos.pods.unschedulable", "{attempt}", "Placement attempts that found no agent for the pod.");
        _podsFailed = new(meter, "kubemesos.pods.failed", "{pod}", "Pods whose tasks ended them Failed (task failed, lost, gone, agent lost).");
        _reconciliations = new(meter, "kubemesos.reconciliations", "{call}", "RECONCILE calls sent to the master, by kind (explicit: named tasks; implicit: all).");
        _subscriptions = new(meter, "kubemesos.mesos.subscriptions", "{subscription}", "SUBSCRIBED events received: the first subscription and every resubscription.");
        _malformedEvents = new(meter, "kubemesos.mesos.events.malformed", "{event}", "Event records from the master that did not decode (skipped).");
        _ignoredEvents = new(meter, "kubemesos.mesos.events.ignored", "{event}", "Events that made no sense in our state (unknown type, unknown offer, missing sub-message).");
        _staleUpdates = new(meter, "kubemesos.mesos.updates.stale", "{update}", "Task status updates that repeated a state or tried to leave a terminal one.");
        _unknownTaskUpdates = new(meter, "kubemesos.mesos.updates.unknown_task", "{update}", "Task status updates for tasks no pod owns (they are killed).");
        _placementDuration = meter.CreateHistogram(
            "kubemesos.placement.duration", "s", "Time from a pod entering the pending queue to its launch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_placementBuckets });
        meter.CreateObservableGauge("kubemesos.queue.depth", () => Volatile.Read(ref _queueDepth), "{pod}", "Pods waiting in the pending queue.");
        meter.CreateObservableGauge("kubemesos.offers.outstanding", () => Volatile.Read(ref _offersOutstanding), "{offer}", "Offers held, not yet used or declined.");
        meter.CreateObservableGauge("kubemesos.mesos.connected", () => Volatile.Read(ref _connected), null, "1 while subscribed to a Mesos master, else 0.");
        meter.CreateObservableGauge("kubemesos.leader", () => leadership.IsLeader ? 1 : 0, null, "1 while this replica leads (schedules), else 0.");
    }

    /// <summary>Event records that did not decode; the stream goes on with the next record.</summary>
    public long MalformedEvents => _malformedEvents.Total;

    /// <summary>Events that made no sense in our state: an unknown offer rescinded, an unknown type, a missing sub-message.</summary>
    public long IgnoredEvents => _ignoredEvents.Total;

    /// <summary>Updates that repeated a state or tried to leave a terminal state.</summary>
    public long StaleUpdates => _staleUpdates.Total;

    /// <summary>Updates for tasks no pod owns (they are killed).</summary>
    public long UnknownTaskUpdates => _unknownTaskUpdates.Total;

    /// <summary>Placement attempts that found no agent.</summary>
    public long PlacementFailures => _placementFailures.Total;

    public long OffersReceived => _offersReceived.Total;

    public long OffersDeclined => _offersDeclined.Total;

    public long OffersRescinded => _offersRescinded.Total;

    public long PodsQueued => _podsQueued.Total;

    public long PodsPlaced => _podsPlaced.Total;

    public long PodsFailed => _podsFailed.Total;

    public long Reconciliations => _reconciliations.Total;

    internal void MalformedEvent() => _malformedEvents.Add();

    internal void IgnoredEvent() => _ignoredEvents.Add();

    internal void StaleUpdate() => _staleUpdates.Add();

    internal void UnknownTaskUpdate() => _unknownTaskUpdates.Add();

    internal void PlacementFailure() => _placementFailures.Add();

    internal void OfferReceived() => _offersReceived.Add();

    internal void OfferDeclined() => _offersDeclined.Add();

    internal void OfferRescinded() => _offersRescinded.Add();

    internal void PodQueued() => _podsQueued.Add();

    internal void PodFailed() => _podsFailed.Add();

    /// <summary>A pod was launched <paramref name="waited"/> after it entered the queue.</summary>
    internal void PodPlaced(TimeSpan waited)
    {
        _podsPlaced.Add();
        _placementDuration.Record(Math.Max(0, waited.TotalSeconds));
    }

    /// <param name="kind"><c>explicit</c> (named tasks) or <c>implicit</c> (all of ours).</param>
    internal void Reconciliation(string kind) => _reconciliations.Add(new KeyValuePair<string, object?>("kind", kind));

    internal void Subscribed()
    {
        _subscriptions.Add();
        Volatile.Write(ref _connected, 1);
    }

    internal void Disconnected() => Volatile.Write(ref _connected, 0);

    /// <summary>The scheduler loop's picture after a pass, read by the gauges.</summary>
    internal void Observe(int queueDepth, int offersOutstanding)
    {
        Volatile.Write(ref _queueDepth, queueDepth);
        Volatile.Write(ref _offersOutstanding, offersOutstanding);
    }

    /// <summary>A counter and its total since start.</summary>
    private sealed class Tally(Meter meter, string name, string unit, string description)
    {
        private readonly Counter<long> _counter = meter.CreateCounter<long>(name, unit, description);
        private long _total;

        public long Total => Interlocked.Read(ref _total);

        public void Add()
        {
            Interlocked.Increment(ref _total);
            _counter.Add(1);
        }

        public void Add(KeyValuePair<string, object?> tag)
        {
            Interlocked.Increment(ref _total);
            _counter.Add(1, tag);
        }
    }
}
