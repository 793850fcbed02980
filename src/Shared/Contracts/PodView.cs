namespace KubeMesos.Shared.Contracts;

/// <summary>What the dashboard shows of a pod. <see cref="Key"/> is <c>namespace/name</c>.</summary>
public sealed record PodView(
    string Namespace,
    string Name,
    string Phase,
    string? NodeName,
    string? AgentId,
    string? TaskState,
    double Cpus,
    double MemMb,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset CreatedAt,
    string? Message)
{
    public string Key => $"{Namespace}/{Name}";

    /// <summary>Waiting for an offer: not yet placed on an agent.</summary>
    public bool IsQueued => NodeName is null && Phase == PodPhases.Pending;

    /// <summary><c>metadata.uid</c>; empty when unknown.</summary>
    public string Uid { get; init; } = "";

    /// <summary>
    /// Creation order beyond <see cref="CreatedAt"/>'s one-second resolution: the store's resource version at which
    /// the feed first saw this pod (its creation for every pod created while the process runs; for pods found by the
    /// first list after a start, their last write). Larger is newer; 0 when unknown.
    /// </summary>
    public long CreationIndex { get; init; }

    /// <summary>The Mesos task ids of the pod's containers (derived from the uid), once it is placed.</summary>
    public IReadOnlyList<string> TaskIds { get; init; } = [];

    /// <summary>The first (for a one-container pod, the only) task id.</summary>
    public string? TaskId => TaskIds.Count > 0 ? TaskIds[0] : null;

    /// <summary>The host ports the scheduler chose for the pod's container ports.</summary>
    public IReadOnlyList<HostPortView> HostPorts { get; init; } = [];

    /// <summary>Whether the pod's Ready condition is True.</summary>
    public bool IsReady { get; init; }
}

/// <summary>A container port and the agent port it is reachable on.</summary>
public sealed record HostPortView(string Protocol, int ContainerPort, int HostPort);
