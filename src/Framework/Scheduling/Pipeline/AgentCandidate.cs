namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>
/// One agent as a placement pass sees it: the offers we hold for it merged (a single ACCEPT may use all of them),
/// what is still free of them, and what the agent already runs. Mutated only by <see cref="Reserve"/> during the pass.
/// </summary>
public sealed class AgentCandidate
{
    // The agent's counts when the pass began, with the pass's reservations; none until there is one (a pass builds a
    // candidate for every agent offered, and pods without an owner count nothing).
    private Dictionary<string, int>? _ownerPods;

    public AgentCandidate(
        string agentId,
        string hostname,
        IReadOnlyDictionary<string, string> nodeLabels,
        ResourceDemand free,
        PortRanges freePorts,
        ResourceDemand capacity,
        ResourceDemand used,
        IReadOnlyDictionary<string, int>? ownerPods = null)
    {
        AgentId = agentId;
        Hostname = hostname;
        NodeLabels = nodeLabels;
        Free = free;
        FreePorts = freePorts;
        Capacity = capacity;
        Requested = used;
        _ownerPods = ownerPods is null || ownerPods.Count == 0 ? null : new Dictionary<string, int>(ownerPods);
    }

    public string AgentId { get; }

    /// <summary>The role the held offers are allocated to (<c>allocation_info.role</c>); null when unknown (a what-if).</summary>
    public string? Role { get; init; }

    public string Hostname { get; }

    public IReadOnlyDictionary<string, string> NodeLabels { get; }

    /// <summary>What the held offers still have after this pass's reservations.</summary>
    public ResourceDemand Free { get; private set; }

    public PortRanges FreePorts { get; }

    /// <summary>The agent's capacity as far as the framework knows it (used + offered).</summary>
    public ResourceDemand Capacity { get; }

    /// <summary>Our pods' demand on the agent, including this pass's reservations.</summary>
    public ResourceDemand Requested { get; private set; }

    public int PodsOf(string? ownerUid) =>
        ownerUid is not null && _ownerPods?.TryGetValue(ownerUid, out var n) == true ? n : 0;

    /// <summary>Takes the pod's resources and ports; the ports chosen for its container ports.</summary>
    /// <remarks>Call only after every filter said yes: the host-ports filter guarantees the ports are there.</remarks>
    public IReadOnlyList<HostPortAssignment> Reserve(PodRequirements pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        Free -= pod.WithExecutor;
        Requested += pod.WithExecutor;
        if (pod.OwnerUid is { } owner)
        {
            _ownerPods ??= [];
            _ownerPods[owner] = PodsOf(owner) + 1;
        }

        var assignments = new List<HostPortAssignment>(pod.HostPorts.Count);
        foreach (var request in pod.HostPorts.Where(p => !p.IsWildcard))
        {
            if (!FreePorts.TryTake((ulong)request.HostPort))
            {
                throw new InvalidOperationException($"host port {request.HostPort} is not free on {Hostname}");
            }

            assignments.Add(new HostPortAssignment(request.Container, request.ContainerPort, (ulong)request.HostPort, request.Protocol));
        }

        foreach (var request in pod.HostPorts.Where(p => p.IsWildcard))
        {
            var port = FreePorts.TakeAny() ?? throw new InvalidOperationException($"no free port left on {Hostname}");
            assignments.Add(new HostPortAssignment(request.Container, request.ContainerPort, port, request.Protocol));
        }

        return assignments;
    }
}
