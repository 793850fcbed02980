using System.Text.Json;
using System.Text.Json.Serialization;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Leadership;

/// <summary>
/// The part of the live cluster picture only the leader's scheduler knows (its offers, its view of the agents, its
/// recent placements, its link to the master), as the leader publishes it for the followers. Pods are not in it: a
/// follower reads them from the store, where the scheduler writes their placement and pending reason.
/// </summary>
public sealed record SchedulingPicture(
    IReadOnlyList<OfferView> Offers,
    IReadOnlyList<AgentView> Agents,
    IReadOnlyList<PlacementView> RecentPlacements,
    SchedulerStatusView Scheduler)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static SchedulingPicture Of(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(
            [.. snapshot.Offers.Values.OrderBy(o => o.OfferId, StringComparer.Ordinal)],
            [.. snapshot.Agents.Values.OrderBy(a => a.AgentId, StringComparer.Ordinal)],
            snapshot.RecentPlacements,
            snapshot.Scheduler);
    }

    /// <summary>What a follower shows while no replica leads: no offers (they were the old leader's), the rest as last seen.</summary>
    public static SchedulingPicture NoLeader(ClusterSnapshot current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Of(current) with
        {
            Offers = [],
            Scheduler = new SchedulerStatusView(false, current.Scheduler.Master, current.Scheduler.FrameworkId, "no replica leads"),
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public static SchedulingPicture Parse(string json) =>
        JsonSerializer.Deserialize<SchedulingPicture>(json, s_json) ?? throw new JsonException("empty scheduling picture");

    /// <summary>
    /// The changes that turn <paramref name="current"/>'s scheduling part into this picture, in the order the leader's
    /// feed had them: offers gone, offers new, agents changed or gone, placements new (oldest first), the status.
    /// </summary>
    public IReadOnlyList<ClusterChange> ChangesFrom(ClusterSnapshot current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var changes = new List<ClusterChange>();
        var offers = Offers.Select(o => o.OfferId).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(current.Offers.Keys.Where(id => !offers.Contains(id)).Select(id => new OfferRemoved(id, OfferRemovalReason.Withdrawn)));
        changes.AddRange(Offers.Where(o => !current.Offers.ContainsKey(o.OfferId)).Select(o => new OfferReceived(o)));

        var agents = Agents.ToDictionary(a => a.AgentId, StringComparer.Ordinal);
        changes.AddRange(current.Agents.Keys.Where(id => !agents.ContainsKey(id)).Select(id => new AgentRemoved(id)));
        foreach (var agent in Agents)
        {
            // Records with collections compare by reference: compare what the wire carries.
            if (!current.Agents.TryGetValue(agent.AgentId, out var shown) || JsonSerializer.Serialize(shown, s_json) != JsonSerializer.Serialize(agent, s_json))
            {
                changes.Add(new AgentUpdated(agent));
            }
        }

        var placed = current.RecentPlacements.Select(Identity).ToHashSet();
        changes.AddRange(RecentPlacements.Reverse().Where(p => !placed.Contains(Identity(p))).Select(p => new PodPlaced(p)));
        if (current.Scheduler != Scheduler)
        {
            changes.Add(new SchedulerStatusChanged(Scheduler));
        }

        return changes;
    }

    private static (string, string, string, DateTimeOffset) Identity(PlacementView p) => (p.Namespace, p.Name, p.OfferId, p.PlacedAt);
}
