namespace KubeMesos.Framework.Offers;

/// <summary>
/// The offers the framework holds, by id and by agent, in arrival order. An offer leaves the book when it is used,
/// declined, rescinded or withdrawn, and a removed offer is never handed out again. Owned by the scheduler loop:
/// not thread-safe.
/// </summary>
public sealed class OfferBook
{
    private readonly Dictionary<string, HeldOffer> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<HeldOffer>> _byAgent = new(StringComparer.Ordinal);
    private long _sequence;

    public int Count => _byId.Count;

    public IEnumerable<HeldOffer> All => _byId.Values;

    public HeldOffer Add(global::Mesos.V1.Offer offer, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(offer);
        Remove(offer.Id.Value);
        var held = new HeldOffer(offer, ++_sequence, receivedAt);
        _byId[held.Id] = held;
        if (!_byAgent.TryGetValue(held.AgentId, out var list))
        {
            list = [];
            _byAgent[held.AgentId] = list;
        }

        list.Add(held);
        return held;
    }

    public bool Contains(string offerId) => _byId.ContainsKey(offerId);

    public HeldOffer? Remove(string offerId)
    {
        if (!_byId.Remove(offerId, out var held))
        {
            return null;
        }

        var list = _byAgent[held.AgentId];
        list.Remove(held);
        if (list.Count == 0)
        {
            _byAgent.Remove(held.AgentId);
        }

        return held;
    }

    /// <summary>Offers of one agent, oldest first (empty when none).</summary>
    public IReadOnlyList<HeldOffer> OfAgent(string agentId) => _byAgent.TryGetValue(agentId, out var list) ? list : [];

    /// <summary>How many agents have offers held.</summary>
    public int AgentCount => _byAgent.Count;

    /// <summary>Agents we hold offers for, ordered by their oldest offer (first come, first served across agents).</summary>
    public IEnumerable<IReadOnlyList<HeldOffer>> ByAgent() => _byAgent.Values.OrderBy(list => list[0].Sequence);

    /// <summary>Offers held for at least <paramref name="holdTime"/>.</summary>
    public IReadOnlyList<HeldOffer> HeldLongerThan(TimeSpan holdTime, DateTimeOffset now) =>
        [.. _byId.Values.Where(o => now - o.ReceivedAt >= holdTime)];
}
