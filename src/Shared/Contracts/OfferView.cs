namespace KubeMesos.Shared.Contracts;

/// <summary>An outstanding Mesos offer: unused resources of one agent, held by our framework since <see cref="ReceivedAt"/>.</summary>
public sealed record OfferView(
    string OfferId,
    string AgentId,
    string Hostname,
    double Cpus,
    double MemMb,
    double DiskMb,
    string Ports,
    DateTimeOffset ReceivedAt);
