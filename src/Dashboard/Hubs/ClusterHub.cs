using System.Runtime.CompilerServices;
using KubeMesos.Framework.Events;
using KubeMesos.Shared.Contracts;
using KubeMesos.Dashboard.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Hubs;

/// <summary>
/// Streams the live cluster picture to clients other than the dashboard's own components (which subscribe in-process).
/// Each stream owns one feed subscription, disposed when the client cancels the stream or disconnects; a connection has
/// at most <see cref="HubLimitsOptions.MaxStreamsPerConnection"/> open at once.
/// </summary>
public sealed class ClusterHub(IClusterFeed feed, IOptions<HubLimitsOptions> limits) : Hub
{
    public const string Path = "/hubs/cluster";

    /// <summary>
    /// First a <see cref="Resynced"/> with the whole current snapshot, then every change in publish order
    /// (a client that falls behind gets another <see cref="Resynced"/> instead of the changes it missed).
    /// </summary>
    [ReadOnlyHubMethod]
    public async IAsyncEnumerable<ClusterChange> StreamChanges([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var slot = HubStreamSlots.Acquire(Context, limits.Value.MaxStreamsPerConnection);
        using var subscription = feed.Subscribe();
        yield return new Resynced(subscription.Initial);
        while (true)
        {
            var batch = await subscription.ReadBatchAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            foreach (var change in batch)
            {
                yield return change;
            }
        }
    }

    /// <summary>
    /// Placements from now on, oldest first. After a resync, the placements of the new snapshot that are newer than
    /// the last one sent, so none is lost or repeated.
    /// </summary>
    [ReadOnlyHubMethod]
    public async IAsyncEnumerable<PlacementView> StreamPlacements([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var slot = HubStreamSlots.Acquire(Context, limits.Value.MaxStreamsPerConnection);
        using var subscription = feed.Subscribe();
        var lastSent = subscription.Initial.RecentPlacements.FirstOrDefault()?.PlacedAt ?? DateTimeOffset.MinValue;
        while (true)
        {
            var batch = await subscription.ReadBatchAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            foreach (var placement in PlacementsIn(batch, lastSent))
            {
                lastSent = placement.PlacedAt > lastSent ? placement.PlacedAt : lastSent;
                yield return placement;
            }
        }
    }

    internal static IEnumerable<PlacementView> PlacementsIn(IEnumerable<ClusterChange> batch, DateTimeOffset after)
    {
        foreach (var change in batch)
        {
            switch (change)
            {
                case PodPlaced placed:
                    yield return placed.Placement;
                    break;
                case Resynced resynced:
                    // RecentPlacements is newest first.
                    foreach (var placement in resynced.Snapshot.RecentPlacements.TakeWhile(p => p.PlacedAt > after).Reverse())
                    {
                        yield return placement;
                    }

                    break;
            }
        }
    }
}
