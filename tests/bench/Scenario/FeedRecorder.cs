using System.Collections.Concurrent;
using System.Diagnostics;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Bench.Scenario;

/// <summary>
/// Timestamps (Stopwatch ticks) of what a stream of cluster changes says about each pod: first seen, placed, Running.
/// Fed by the in-process feed during the burst and by the SignalR client during churn.
/// </summary>
public sealed class FeedRecorder
{
    public ConcurrentDictionary<string, long> FirstSeen { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, long> Placed { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, long> Running { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, string> OfferOfPod { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, long> Removed { get; } = new(StringComparer.Ordinal);

    private long _offers;
    private long _firstOffer;
    private long _resyncs;

    public long Offers => Interlocked.Read(ref _offers);
    public long FirstOffer => Interlocked.Read(ref _firstOffer);
    public long Resyncs => Interlocked.Read(ref _resyncs);

    public void Record(ClusterChange change)
    {
        var now = Stopwatch.GetTimestamp();
        switch (change)
        {
            case OfferReceived:
                Interlocked.CompareExchange(ref _firstOffer, now, 0);
                Interlocked.Increment(ref _offers);
                break;
            case PodPlaced { Placement: var p }:
                var key = $"{p.Namespace}/{p.Name}";
                Placed.TryAdd(key, now);
                OfferOfPod.TryAdd(key, p.OfferId);
                break;
            case PodUpdated { Pod: var pod }:
                Seen(pod, now);
                break;
            case PodRemoved removed:
                Removed.TryAdd($"{removed.Namespace}/{removed.Name}", now);
                break;
            case Resynced { Snapshot: var snapshot }:
                // A slow reader lost changes: what the snapshot shows is dated now (later than true, never earlier).
                Interlocked.Increment(ref _resyncs);
                foreach (var pod in snapshot.Pods.Values)
                {
                    Seen(pod, now);
                }

                break;
        }
    }

    private void Seen(PodView pod, long now)
    {
        FirstSeen.TryAdd(pod.Key, now);
        if (pod.Phase == PodPhases.Running)
        {
            Running.TryAdd(pod.Key, now);
        }
    }
}
