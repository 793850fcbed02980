using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// A task the master itself reports as not there: TASK_UNKNOWN or TASK_GONE from reconciliation, TASK_DROPPED, or
/// TASK_LOST (what a master sends a framework that is not PARTITION_AWARE instead of those). Such a task will never
/// run again, so its pod ends (phase Failed) and its replication controller replaces it.
/// </summary>
public static class TaskGone
{
    /// <summary>The pod's <c>status.reason</c> and the Warning event's reason.</summary>
    public const string Reason = "TaskGone";

    public static bool IsReportedGone(TaskStatus status) =>
        status.Source == TaskStatus.Types.Source.Master
        && status.State is TaskState.TaskUnknown or TaskState.TaskGone or TaskState.TaskGoneByOperator
            or TaskState.TaskDropped or TaskState.TaskLost;

    public static string Message(TaskStatus status)
    {
        var detail = status.HasMessage ? $" ({status.Message})" : string.Empty;
        return $"The Mesos master reports task {status.TaskId.Value} as {TaskStates.Name(status.State)}{detail}: "
               + "the task is gone, so the pod has failed and its controller, if any, replaces it";
    }
}
