using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Scheduling;

/// <summary>What the scheduler knows of one agent: from its offers, and from the pods we put there.</summary>
/// <remarks>
/// Overlaps <see cref="Offers.AgentBook"/> (issue 12): both learn capacity as the largest used + offered seen, both count
/// our pods' charges. This one also feeds the feed's <c>AgentView</c> (port counts) and the spread scorer (pods per
/// owner); the book keeps port ranges, per-pod charges and offer times for explanations. Merging them means moving
/// <see cref="OwnerPods"/> and the port counts onto <c>AgentBook.Entry</c> and the five scheduler partials that write
/// here (Offers, Placement, Pods, Adoption, Updates) onto the book; left for a change of its own, with the scheduler's
/// integration tests as its net, rather than folded into the insight UI work.
/// </remarks>
internal sealed class AgentState(string agentId, string hostname, IReadOnlyDictionary<string, string> attributes)
{
    public string AgentId { get; } = agentId;

    public string Hostname { get; private set; } = hostname;

    public IReadOnlyDictionary<string, string> Attributes { get; private set; } = attributes;

    /// <summary>The agent's labels as a node (<see cref="NodeLabels"/>), worked out when its hostname or attributes change, not per offer.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; private set; } = NodeLabels.For(hostname, attributes);

    /// <summary>What the newest offer says of the agent: every offer repeats its hostname and attributes.</summary>
    public void Describe(string hostname, IReadOnlyDictionary<string, string> attributes)
    {
        if (hostname == Hostname && SameAsKnown(attributes))
        {
            return;
        }

        Hostname = hostname;
        Attributes = attributes;
        Labels = NodeLabels.For(hostname, attributes);
    }

    private bool SameAsKnown(IReadOnlyDictionary<string, string> attributes)
    {
        if (attributes.Count != Attributes.Count)
        {
            return false;
        }

        foreach (var (name, value) in attributes)
        {
            if (!Attributes.TryGetValue(name, out var known) || known != value)
            {
                return false;
            }
        }

        return true;
    }

    public ResourceDemand Used { get; set; }

    /// <summary>Sum of the agent's offers we hold right now.</summary>
    public ResourceDemand Offered { get; set; }

    /// <summary>Largest used + offered seen: a framework never sees the agent's total directly.</summary>
    public ResourceDemand Capacity { get; set; }

    /// <summary>Ports in the offers we hold, host ports our pods hold, and the largest sum of both seen.</summary>
    public long PortsOffered { get; set; }

    public long PortsUsed { get; set; }

    public long PortsCapacity { get; set; }

    public HashSet<string> Pods { get; } = new(StringComparer.Ordinal);

    /// <summary>Our pods on this agent per controlling owner uid (for spreading replicas).</summary>
    public Dictionary<string, int> OwnerPods { get; } = new(StringComparer.Ordinal);

    public void AddPod(string podKey, string? ownerUid, ResourceDemand charged, int hostPorts = 0)
    {
        Used += charged;
        PortsUsed += hostPorts;
        Pods.Add(podKey);
        if (ownerUid is not null)
        {
            OwnerPods[ownerUid] = OwnerPods.GetValueOrDefault(ownerUid) + 1;
        }
    }

    public void RemovePod(string podKey, string? ownerUid, ResourceDemand charged, int hostPorts = 0)
    {
        Used -= charged;
        PortsUsed -= hostPorts;
        Pods.Remove(podKey);
        if (ownerUid is not null && OwnerPods.TryGetValue(ownerUid, out var n))
        {
            if (n <= 1)
            {
                OwnerPods.Remove(ownerUid);
            }
            else
            {
                OwnerPods[ownerUid] = n - 1;
            }
        }
    }

    public void ObserveCapacity()
    {
        var seen = Used + Offered;
        Capacity = new ResourceDemand(
            Math.Max(Capacity.Cpus, seen.Cpus),
            Math.Max(Capacity.MemMb, seen.MemMb),
            Math.Max(Capacity.DiskMb, seen.DiskMb));
        PortsCapacity = Math.Max(PortsCapacity, PortsUsed + PortsOffered);
    }

    public AgentView ToView() => new(AgentId, Hostname, Capacity.Cpus, Capacity.MemMb, Used.Cpus, Used.MemMb, Pods.Count, Attributes)
    {
        DiskCapacityMb = Capacity.DiskMb,
        DiskUsedMb = Used.DiskMb,
        PortsCapacity = PortsCapacity,
        PortsUsed = PortsUsed,
    };
}
