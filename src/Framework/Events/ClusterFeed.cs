using System.Diagnostics.Metrics;
using System.Threading.Channels;
using KubeMesos.Framework.Diagnostics;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Events;

/// <summary>
/// The in-process fan-out of <see cref="ClusterChange"/>s. Publishing applies the change to the snapshot and
/// offers it to every subscriber under one lock, so a new subscriber's snapshot and its first change never
/// overlap or leave a gap.
/// </summary>
public sealed class ClusterFeed : IClusterFeed
{
    private readonly Lock _lock = new();
    private readonly List<ClusterSubscription> _subscribers = [];
    private readonly int _capacity;
    private ClusterSnapshot _current = ClusterSnapshot.Empty();

    /// <param name="options">The subscribers' channel capacity.</param>
    /// <param name="meterFactory">When given, the <c>kubemesos.feed.subscribers</c> gauge reads <see cref="SubscriberCount"/>.</param>
    public ClusterFeed(IOptions<ClusterFeedOptions> options, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.SubscriberCapacity;
        meterFactory?.Create(KubeMesosMeters.Feed).CreateObservableGauge(
            "kubemesos.feed.subscribers", () => SubscriberCount, "{subscriber}", "Open subscriptions to the cluster feed (dashboard pages, hub streams).");
    }

    public ClusterSnapshot Current => Volatile.Read(ref _current);

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
            var subscription = new ClusterSubscription(_current, channel, Unsubscribe);
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
            var snapshot = _current.Apply(changes);
            Volatile.Write(ref _current, snapshot);
            foreach (var subscriber in _subscribers)
            {
                foreach (var change in changes)
                {
                    if (!subscriber.Channel.Writer.TryWrite(change))
                    {
                        Resync(subscriber, snapshot);
                        break;
                    }
                }
            }
        }
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
