using Google.Protobuf;
using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// A launched task and the agent-side status update stream for it (Mesos' status update manager: a queue per task,
/// only the head in flight, resent until acknowledged). Guarded by the master's lock.
/// </summary>
internal sealed class SimTask(TaskID id, SimFramework framework, SimAgent agent, SimExecutor executor, ResourceBag resources, List<SimTask> group, TaskInfo info)
{
    /// <summary>
    /// The TaskInfo it was launched with (what the agent checkpoints), decoded at each read: only the operator API reads
    /// it, seldom, and the master keeps it as its bytes alone (the message tree was ~1 KB a task, for every live task and
    /// 20,000 finished ones).
    /// </summary>
    public TaskInfo Info => TaskInfo.Parser.ParseFrom(EncodedInfo);

    /// <summary>The TaskInfo as protobuf, as the checkpoint stores it (it never changes).</summary>
    public byte[] EncodedInfo { get; } = info.ToByteArray();

    public string Name { get; } = StringPool.Master.Of(info.Name);

    public TaskID Id { get; } = id;
    public SimFramework Framework { get; } = framework;
    public SimAgent Agent { get; } = agent;
    public SimExecutor Executor { get; } = executor;
    public ResourceBag Resources { get; } = resources;

    /// <summary>
    /// The role its resources are allocated to: their <c>allocation_info</c> (a MULTI_ROLE framework launches with the
    /// offer's), else the framework's only role.
    /// </summary>
    public string Role => _allocatedRole ?? Framework.Roles.FirstOrDefault() ?? "*";

    // Read on every allocation for every task (DRF shares): found in the TaskInfo once, not per read.
    private readonly string? _allocatedRole = info.Resources.FirstOrDefault(r => r.AllocationInfo is { HasRole: true })?.AllocationInfo.Role is { } role
        ? StringPool.Master.Of(role)
        : null;

    /// <summary>The tasks launched together (one LAUNCH_GROUP); a plain LAUNCH is a group of one.</summary>
    public List<SimTask> Group { get; } = group;

    /// <summary>The state the agent knows (drives resources and the simulation).</summary>
    public TaskState LatestState { get; set; } = TaskState.TaskStaging;

    /// <summary>The state last sent to the framework (what reconciliation answers).</summary>
    public TaskState SentState { get; set; } = TaskState.TaskStaging;

    public Queue<TaskStatus> PendingUpdates { get; } = new();
    public TimeSpan RetryDelay { get; set; }
    public ITimer? RetryTimer { get; set; }
    public ITimer? StepTimer { get; set; }

    /// <summary>Set when the task has left the agent (terminal, or the agent was removed).</summary>
    public bool Released { get; set; }

    /// <summary>The task's stdout/stderr behind the agent's <c>/files/read</c>.</summary>
    public TaskSandbox? Sandbox { get; set; }

    /// <summary>Lines of periodic output written while running.</summary>
    public int OutputLines { get; set; }

    public void StopTimers()
    {
        RetryTimer?.Dispose();
        RetryTimer = null;
        StepTimer?.Dispose();
        StepTimer = null;
    }
}
