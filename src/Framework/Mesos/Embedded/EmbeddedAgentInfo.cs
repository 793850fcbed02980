namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>Scalar amounts in Mesos units (cpus, MB) and the number of ports.</summary>
public sealed record ResourceAmounts(double Cpus, double MemMb, double DiskMb, long Ports)
{
    internal static ResourceAmounts From(ResourceBag bag) => new(
        bag.Scalar("cpus"), bag.Scalar("mem"), bag.Scalar("disk"),
        bag.Ranges("ports").Sum(r => (long)(r.End - r.Begin + 1)));
}

/// <summary>A read-only view of one simulated agent: Used = live tasks and executors, Offered = outstanding offers.</summary>
public sealed record EmbeddedAgentInfo(
    string AgentId,
    string Hostname,
    IReadOnlyDictionary<string, string> Attributes,
    ResourceAmounts Total,
    ResourceAmounts Used,
    ResourceAmounts Offered,
    int TaskCount);
