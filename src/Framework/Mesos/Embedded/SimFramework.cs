using Mesos.V1;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>A registered framework. Guarded by the master's lock.</summary>
internal sealed class SimFramework(string id, FrameworkInfo info)
{
    public string Id { get; } = id;
    public FrameworkID ProtoId { get; } = new() { Value = id };
    public FrameworkInfo Info { get; private set; } = info;
    public DateTimeOffset RegisteredAt { get; set; }

    public bool MultiRole { get; private set; }
    public bool PartitionAware { get; private set; }
    public bool KillingState { get; private set; }

    /// <summary>MULTI_ROLE frameworks use <c>roles</c>; the others the deprecated <c>role</c> (default "*").</summary>
    public IReadOnlyList<string> Roles { get; private set; } = [];

    public FrameworkStream? Stream { get; set; }
    public bool Connected => Stream is not null;
    public ITimer? FailoverTimer { get; set; }

    public HashSet<string> SuppressedRoles { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string AgentId, string Role), List<RefusalFilter>> Filters { get; } = [];
    public HashSet<SimOffer> Offers { get; } = [];

    /// <summary>Live tasks and terminal ones whose last update is not yet acknowledged.</summary>
    public Dictionary<string, SimTask> Tasks { get; } = new(StringComparer.Ordinal);

    public void Update(FrameworkInfo info)
    {
        Info = info;
        var capabilities = info.Capabilities.Select(c => c.Type).ToHashSet();
        MultiRole = capabilities.Contains(FrameworkInfo.Types.Capability.Types.Type.MultiRole);
        PartitionAware = capabilities.Contains(FrameworkInfo.Types.Capability.Types.Type.PartitionAware);
        KillingState = capabilities.Contains(FrameworkInfo.Types.Capability.Types.Type.TaskKillingState);
#pragma warning disable CS0612 // FrameworkInfo.role: deprecated, still the role of a framework without MULTI_ROLE
        Roles = MultiRole ? info.Roles.Distinct(StringComparer.Ordinal).ToList() : [info.Role];
#pragma warning restore CS0612
    }

    /// <summary>Without PARTITION_AWARE, Mesos sends TASK_LOST wherever it would send one of the newer states.</summary>
    public TaskState Downgrade(TaskState state) =>
        PartitionAware || state is not (TaskState.TaskUnreachable or TaskState.TaskGone or TaskState.TaskGoneByOperator or TaskState.TaskUnknown or TaskState.TaskDropped)
            ? state
            : TaskState.TaskLost;
}
