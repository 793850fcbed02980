using Mesos.V1;

using KubeMesos.Framework.Scheduling;

namespace KubeMesos.Framework.Offers;

/// <summary>An offer the scheduler holds, with what is left of it during a placement pass.</summary>
public sealed class HeldOffer(Offer offer, long sequence, DateTimeOffset receivedAt)
{
    public Offer Offer { get; } = offer;

    public string Id => Offer.Id.Value;

    public string AgentId => Offer.AgentId.Value;

    /// <summary>Arrival order: first come, first served across offers too.</summary>
    public long Sequence { get; } = sequence;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public ResourceDemand Total { get; } = OfferResources.Scalars(offer);

    /// <summary>How many ports the offer's port ranges hold.</summary>
    public long PortCount { get; } = offer.Resources
        .Where(r => r.Name == "ports" && r.Ranges is not null)
        .SelectMany(r => r.Ranges.Range)
        .Sum(r => r.End >= r.Begin ? (long)(r.End - r.Begin + 1) : 0);
}
