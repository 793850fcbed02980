using System.Diagnostics.Metrics;
using System.Threading.Channels;
using KubeMesos.Framework.Diagnostics;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Events;

/// <summary>
/// The in-process fan-out of <see cref="ClusterChange"/>s. Publishing offers the change to every subscriber and
/// queues it for the snapshot under one lock, so a new subscriber's snapshot and its first change never overlap or
/// leave a gap. The snapshot is brought up to date when it is read (<see cref="Current"/>, a new subscriber, a
/// resync), with every change queued since in one batch: a burst publishes a change or more per pod, and applying
/// each to the immutable maps on its own built a new map and event history per change that nobody read.
/// </summary>
public sealed class ClusterFeed : IClusterFeed
{
    private readonly Lock _lock = new();
    private readonly List<ClusterSubscription> _subscribers = [];
    private readonly int _capacity;
    private ClusterSnapshot _current = ClusterSnapshot.Empty();

    // Published, not yet in _current; _stale says there are some (read without the lock). Applied at the latest when
    // this many are queued, so a process where nothing reads the snapshot holds no more than that.
    private const int MaxUnapplied = 1024;
    private List<ClusterChange> _unapplied = [];
    private volatile bool _stale;

    /// <param name="options">The subscribers' channel capacity.</param>
    /// <param name="meterFactory">When given, the <c>kubemesos.feed.subscribers</c> gauge reads <see cref="SubscriberCount"/>.</param>
    public ClusterFeed(IOptions<ClusterFeedOptions> options, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.SubscriberCapacity;
        meterFactory?.Create(KubeMesosMeters.Feed).CreateObservableGauge(
            "kubemesos.feed.subscribers", () => SubscriberCount, "{subscriber}", "Open subscriptions to the cluster feed (dashboard pages, hub streams).");
    }

    public ClusterSnapshot Current
    {
        get
        {
            if (!_stale)
            {
                return Volatile.Read(ref _current);
            }

            lock (_lock)
            {
                return CurrentLocked();
            }
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    public ClusterSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<ClusterChange>(new BoundedChannelOptions(_capacity)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        lock (_lock)
        {
            var subscription = new ClusterSubscription(CurrentLocked(), channel, Unsubscribe);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    public void Publish(ClusterChange change) => Publish([change]);

    /// <summary>Publishes several changes as one step (subscribers may still see them across batches).</summary>
    public void Publish(IReadOnlyList<ClusterChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            _unapplied.AddRange(changes);
            _stale = true;
            if (_unapplied.Count >= MaxUnapplied)
            {
                CurrentLocked();
            }

            foreach (var subscriber in _subscribers)
            {
                foreach (var change in changes)
                {
                    if (!subscriber.Channel.Writer.TryWrite(change))
                    {
                        Resync(subscriber, CurrentLocked());
                        break;
                    }
                }
            }
        }
    }

    private ClusterSnapshot CurrentLocked()
    {
        if (_unapplied.Count > 0)
        {
            Volatile.Write(ref _current, _current.Apply(_unapplied));
            // A new list rather than Clear: a burst's list would otherwise keep its largest size.
            _unapplied = [];
            _stale = false;
        }

        return _current;
    }

    private static void Resync(ClusterSubscription subscriber, ClusterSnapshot snapshot)
    {
        // The subscriber is too slow for the stream: drop what it has not read and hand it the whole picture.
        while (subscriber.Channel.Reader.TryRead(out _))
        {
        }

        subscriber.Channel.Writer.TryWrite(new Resynced(snapshot));
    }

    private void Unsubscribe(ClusterSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }
    }
}
