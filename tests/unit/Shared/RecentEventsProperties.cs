using CsCheck;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Shared;

/// <summary>
/// The snapshot's event history (which finds an earlier version of an event by its keys) ends up as the plain rule
/// says: one entry per namespace and name, the newest version held, newest first, at most the history's size — whatever
/// the order, the repeats, a resync in between or more events than the history holds.
/// </summary>
public sealed class RecentEventsProperties
{
    private static readonly Gen<EventView> s_event =
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 700], Gen.Int[0, 2000], Gen.Int[1, 5])
            .Select((ns, name, second, count) => new EventView(
                ns == 0 ? "default" : "team", $"e{name}", EventView.Normal, "Scheduled", "assigned", "Pod", "default", "web", count,
                DateTimeOffset.UnixEpoch.AddSeconds(second)));

    [Fact]
    public void History_IsTheNewestVersionOfEachEvent_NewestFirst_Bounded() =>
        Gen.Select(s_event.Array[0, 900], Gen.Int[0, 900]).Sample((events, resyncAt) =>
        {
            var snapshot = ClusterSnapshot.Empty();
            var model = new List<EventView>();
            for (var i = 0; i < events.Length; i++)
            {
                if (i == resyncAt)
                {
                    // A snapshot whose list was made elsewhere (a resync): its keys are worked out from the list.
                    snapshot = snapshot.Apply(new Resynced(ClusterSnapshot.Empty() with { RecentEvents = [.. snapshot.RecentEvents] }));
                }

                snapshot = snapshot.Apply(new EventRecorded(events[i]));
                Model(model, events[i]);
            }

            Assert.Equal(model, snapshot.RecentEvents);
        });

    /// <summary>The rule, spelled out: ignore a version older than the one held, drop the older one by name, insert by last-seen time, keep the newest.</summary>
    private static void Model(List<EventView> list, EventView e)
    {
        var at = list.FindIndex(x => x.LastSeen <= e.LastSeen);
        if ((at < 0 ? list.Count : at) >= ClusterSnapshot.EventHistory
            || list.Any(x => x.Namespace == e.Namespace && x.Name == e.Name && x.LastSeen > e.LastSeen))
        {
            return;
        }

        list.RemoveAll(x => x.Namespace == e.Namespace && x.Name == e.Name);
        at = list.FindIndex(x => x.LastSeen <= e.LastSeen);
        list.Insert(at < 0 ? list.Count : at, e);
        if (list.Count > ClusterSnapshot.EventHistory)
        {
            list.RemoveAt(list.Count - 1);
        }
    }
}
