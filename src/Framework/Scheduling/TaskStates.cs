using KubeMesos.Shared.Contracts;
using Mesos.V1;

namespace KubeMesos.Framework.Scheduling;

/// <summary>How Mesos task states read as Kubernetes pod phases (ARCHITECTURE.md, "Pod ↔ task").</summary>
public static class TaskStates
{
    /// <summary>
    /// Terminal for the scheduler. TASK_UNKNOWN is not terminal in Mesos' sense (the task may be somewhere the master
    /// cannot see), but the master answers it only for a task it has no record of: nothing will ever report that task
    /// again, so the pod is over (see <see cref="TaskGone"/>).
    /// </summary>
    public static bool IsTerminal(TaskState state) => state is TaskState.TaskFinished or TaskState.TaskFailed
        or TaskState.TaskKilled or TaskState.TaskError or TaskState.TaskLost or TaskState.TaskDropped
        or TaskState.TaskGone or TaskState.TaskGoneByOperator or TaskState.TaskUnknown;

    /// <summary>
    /// True when <paramref name="next"/> is a step back in a task's start (STAGING → STARTING → RUNNING → KILLING): an
    /// older update arriving late, such as a reconciliation answer that crossed a newer update. It is stale.
    /// </summary>
    public static bool IsRegression(TaskState previous, TaskState next) =>
        Progress(next) is { } to && Progress(previous) is { } from && to < from;

    private static int? Progress(TaskState state) => state switch
    {
        TaskState.TaskStaging => 0,
        TaskState.TaskStarting => 1,
        TaskState.TaskRunning => 2,
        TaskState.TaskKilling => 3,
        _ => null,
    };

    /// <summary>
    /// The phase of a pod whose containers' tasks are in <paramref name="states"/>: any failure fails the pod; it runs
    /// when every task runs; it succeeded when all finished; otherwise it is still starting.
    /// </summary>
    public static string PodPhase(IReadOnlyCollection<TaskState> states)
    {
        if (states.Count == 0)
        {
            return PodPhases.Pending;
        }

        if (states.Any(s => s is TaskState.TaskFailed or TaskState.TaskKilled or TaskState.TaskError or TaskState.TaskDropped
                or TaskState.TaskGone or TaskState.TaskGoneByOperator or TaskState.TaskLost or TaskState.TaskUnknown))
        {
            return PodPhases.Failed;
        }

        if (states.Any(s => s is TaskState.TaskUnreachable))
        {
            return PodPhases.Unknown;
        }

        if (states.All(s => s == TaskState.TaskFinished))
        {
            return PodPhases.Succeeded;
        }

        return states.All(s => s is TaskState.TaskRunning or TaskState.TaskFinished or TaskState.TaskKilling)
            ? PodPhases.Running
            : PodPhases.Pending;
    }

    /// <summary><c>TASK_RUNNING</c> style name as Mesos prints it.</summary>
    public static string Name(TaskState state) => state switch
    {
        TaskState.TaskStaging => "TASK_STAGING",
        TaskState.TaskStarting => "TASK_STARTING",
        TaskState.TaskRunning => "TASK_RUNNING",
        TaskState.TaskKilling => "TASK_KILLING",
        TaskState.TaskFinished => "TASK_FINISHED",
        TaskState.TaskFailed => "TASK_FAILED",
        TaskState.TaskKilled => "TASK_KILLED",
        TaskState.TaskError => "TASK_ERROR",
        TaskState.TaskLost => "TASK_LOST",
        TaskState.TaskDropped => "TASK_DROPPED",
        TaskState.TaskUnreachable => "TASK_UNREACHABLE",
        TaskState.TaskGone => "TASK_GONE",
        TaskState.TaskGoneByOperator => "TASK_GONE_BY_OPERATOR",
        TaskState.TaskUnknown => "TASK_UNKNOWN",
        _ => $"TASK_{(int)state}",
    };
}
