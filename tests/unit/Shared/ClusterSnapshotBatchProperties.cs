using CsCheck;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Shared;

/// <summary>
/// A batch applied at once (builders for the maps, one event history for the batch: how the feed brings its snapshot
/// up to date) is the snapshot applying each change in turn gives: the same offers, pods, agents, events, placements,
/// scheduler status and version, with resyncs, removals and repeats anywhere in the batch.
/// </summary>
public sealed class ClusterSnapshotBatchProperties
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;
    private static readonly Dictionary<string, string> s_noAttributes = [];

    private static readonly Gen<ClusterChange> s_change = Gen.Int[0, 11].SelectMany(kind => Gen.Int[0, 40].Select(n => Change(kind, n)));

    private static ClusterChange Change(int kind, int n) => kind switch
    {
        0 => new OfferReceived(new OfferView($"o{n}", $"a{n % 7}", $"host-{n % 7}", n, 64 * n, 0, "31000-32000", T0.AddSeconds(n))),
        1 => new OfferRemoved($"o{n}", OfferRemovalReason.Withdrawn),
        2 or 3 => new PodUpdated(new PodView("default", $"p{n}", n % 2 == 0 ? PodPhases.Pending : PodPhases.Running, null, null, null, 0.1, 32,
            new Dictionary<string, string>(), T0.AddSeconds(n), null)),
        4 => new PodRemoved("default", $"p{n}"),
        5 => new AgentUpdated(new AgentView($"a{n}", $"host-{n}", n, 1024, 0, 0, n % 3, s_noAttributes)),
        6 => new AgentRemoved($"a{n}"),
        7 or 8 => new EventRecorded(new EventView("default", $"e{n % 9}", EventView.Normal, "Scheduled", "assigned", "Pod", "default", $"p{n}", 1,
            T0.AddSeconds(n))),
        9 => new PodPlaced(new PlacementView("default", $"p{n}", "S0", $"a{n % 7}", $"o{n}", T0.AddSeconds(n))),
        10 => new PlacementAttempted(T0.AddSeconds(n), n % 4),
        _ => new Resynced(ClusterSnapshot.Empty() with { Version = 1000 + n, Pods = ClusterSnapshot.Empty().Apply(new PodUpdated(
            new PodView("default", "resynced", PodPhases.Pending, null, null, null, 0.1, 32, new Dictionary<string, string>(), T0, null))).Pods }),
    };

    [Fact]
    public void Batch_IsEachChangeInTurn() =>
        Gen.Select(s_change.Array[0, 60], s_change.Array[0, 60]).Sample((before, batch) =>
        {
            var start = ClusterSnapshot.Empty();
            foreach (var change in before)
            {
                start = start.Apply(change);
            }

            var oneByOne = start;
            foreach (var change in batch)
            {
                oneByOne = oneByOne.Apply(change);
            }

            var atOnce = start.Apply(batch);

            Assert.Equal(oneByOne.Version, atOnce.Version);
            Assert.Equal(Sorted(oneByOne.Offers), Sorted(atOnce.Offers));
            Assert.Equal(Sorted(oneByOne.Pods), Sorted(atOnce.Pods));
            Assert.Equal(Sorted(oneByOne.Agents), Sorted(atOnce.Agents));
            Assert.Equal(oneByOne.RecentEvents, atOnce.RecentEvents);
            Assert.Equal(oneByOne.RecentPlacements, atOnce.RecentPlacements);
            Assert.Equal(oneByOne.LastPlacementAttempt, atOnce.LastPlacementAttempt);

            // And the batch's event history goes on as the other's: its keys were registered with it.
            var next = new EventRecorded(new EventView("default", "e1", EventView.Normal, "Scheduled", "again", "Pod", "default", "p1", 2, T0.AddSeconds(99)));
            Assert.Equal(oneByOne.Apply(next).RecentEvents, atOnce.Apply(next).RecentEvents);
        });

    private static List<KeyValuePair<string, T>> Sorted<T>(IEnumerable<KeyValuePair<string, T>> map) =>
        [.. map.OrderBy(kv => kv.Key, StringComparer.Ordinal)];
}
