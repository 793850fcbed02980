using Google.Protobuf;
using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;

namespace KubeMesos.Framework.Mesos.Embedded;

// The simulated agent and default executor: task steps, kills, reliable status updates, resource release.
public sealed partial class EmbeddedMesosMaster
{
    // Mesos' status update manager doubles the resend delay up to this bound.
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromMinutes(10);

    private SimTask StartTaskLocked(SimFramework framework, SimAgent agent, SimExecutor executor, TaskInfo info, ResourceBag resources, List<SimTask> group)
    {
        if (executor.LiveTasks.Count == 0 && !agent.Executors.ContainsKey((framework.Id, executor.Id.Value)))
        {
            agent.Executors[(framework.Id, executor.Id.Value)] = executor;
            agent.Used = agent.Used.Add(executor.Resources);
        }

        var task = new SimTask(info.TaskId, framework, agent, executor, resources, group, info);
        group.Add(task);
        framework.Tasks[task.Id.Value] = task;
        agent.Tasks.Add(task);
        agent.Used = agent.Used.Add(resources);
        executor.LiveTasks.Add(task);
        OpenSandboxLocked(task, info);

        // STAGING is implicit at launch as on Mesos; the default executor then reports STARTING and RUNNING.
        var delay = _options.TaskStepDelay > TimeSpan.Zero ? _options.TaskStepDelay : TimeSpan.FromMilliseconds(1);
        task.StepTimer = _time.CreateTimer(_ => OnStep(task), null, delay, Timeout.InfiniteTimeSpan);
        return task;
    }

    private void OnStep(SimTask task)
    {
        lock (_lock)
        {
            StateChangedLocked();
            if (task.Released || _frameworks.GetValueOrDefault(task.Framework.Id) != task.Framework)
            {
                return;
            }

            if (task.LatestState == TaskState.TaskStaging)
            {
                ExecutorUpdateLocked(task, TaskState.TaskStarting);
                var delay = _options.TaskStepDelay > TimeSpan.Zero ? _options.TaskStepDelay : TimeSpan.FromMilliseconds(1);
                task.StepTimer?.Change(delay, Timeout.InfiniteTimeSpan);
            }
            else if (task.LatestState == TaskState.TaskStarting)
            {
                ExecutorUpdateLocked(task, TaskState.TaskRunning);
                if (_options.TaskOutputInterval > TimeSpan.Zero)
                {
                    task.StepTimer?.Change(_options.TaskOutputInterval, Timeout.InfiniteTimeSpan);
                }
                else
                {
                    // The last simulated step: the timer would otherwise live as long as the task.
                    task.StepTimer?.Dispose();
                    task.StepTimer = null;
                }
            }
            else if (task.LatestState == TaskState.TaskRunning)
            {
                LogStepLocked(task, _time.GetUtcNow(), $"{task.Id.Value}: serving, {++task.OutputLines} step(s) done");
                task.StepTimer?.Change(_options.TaskOutputInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Kills every live task of the group (TASK_KILLING first for frameworks that asked for it).</summary>
    private void KillGroupLocked(IEnumerable<SimTask> group)
    {
        foreach (var task in group.Where(t => !t.Released).ToList())
        {
            if (task.Framework.KillingState)
            {
                ExecutorUpdateLocked(task, TaskState.TaskKilling);
            }

            ExecutorUpdateLocked(task, TaskState.TaskKilled, "Killed by the scheduler", null);
        }
    }

    /// <summary>An update from the task's executor: fresh uuid, queued for reliable delivery; terminal states free resources at once.</summary>
    private void ExecutorUpdateLocked(SimTask task, TaskState state, string? message = null, TaskStatus.Types.Reason? reason = null)
    {
        if (task.Released)
        {
            return;
        }

        var status = new TaskStatus
        {
            TaskId = task.Id,
            State = state,
            Source = TaskStatus.Types.Source.Executor,
            AgentId = task.Agent.ProtoId,
            ExecutorId = task.Executor.Id,
            Timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0,
            Uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray(bigEndian: true)),
        };
        if (message is not null)
        {
            status.Message = message;
        }

        if (reason is { } r)
        {
            status.Reason = r;
        }

        task.LatestState = state;
        LogStepLocked(task, _time.GetUtcNow(), $"Task {task.Id.Value} is {state.ToString().Replace("Task", "", StringComparison.Ordinal).ToUpperInvariant()}{(message is null ? "" : ": " + message)}");
        LogExecutorLocked(task, _time.GetUtcNow(), state, message);
        task.PendingUpdates.Enqueue(status);
        if (task.PendingUpdates.Count == 1)
        {
            SendHeadLocked(task, resetDelay: true);
        }

        if (IsTerminal(state))
        {
            task.StepTimer?.Dispose();
            task.StepTimer = null;
            ReleaseTaskLocked(task, reportExecutorExit: true);
        }
    }

    /// <summary>Sends the head of the task's update queue (if connected) and arms its resend timer.</summary>
    private void SendHeadLocked(SimTask task, bool resetDelay)
    {
        var head = task.PendingUpdates.Peek();
        if (task.Framework.Stream is { } stream)
        {
            stream.Send(Events.Update(head));
            task.SentState = head.State;
        }

        if (resetDelay)
        {
            task.RetryDelay = _options.UpdateRetryInterval;
        }

        task.RetryTimer ??= _time.CreateTimer(_ => OnRetry(task), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        task.RetryTimer.Change(task.RetryDelay, Timeout.InfiniteTimeSpan);
    }

    private void OnRetry(SimTask task)
    {
        lock (_lock)
        {
            StateChangedLocked();
            if (task.PendingUpdates.Count == 0 || task.RetryTimer is null || task.Framework.Tasks.GetValueOrDefault(task.Id.Value) != task)
            {
                return;
            }

            task.RetryDelay = task.RetryDelay * 2 < s_maxRetryDelay ? task.RetryDelay * 2 : s_maxRetryDelay;
            SendHeadLocked(task, resetDelay: false);
        }
    }

    /// <summary>The task left its agent: its resources (and its executor's, after the executor's last task) return to the pool.</summary>
    private void ReleaseTaskLocked(SimTask task, bool reportExecutorExit)
    {
        if (task.Released)
        {
            return;
        }

        task.Released = true;
        var agent = task.Agent;
        agent.Tasks.Remove(task);
        agent.Used = agent.Used.Subtract(task.Resources);
        var executor = task.Executor;
        executor.LiveTasks.Remove(task);
        if (executor.LiveTasks.Count == 0 && agent.Executors.Remove((task.Framework.Id, executor.Id.Value)))
        {
            agent.Used = agent.Used.Subtract(executor.Resources);
            if (reportExecutorExit && executor.IsExplicit)
            {
                task.Framework.Stream?.Send(Events.ExecutorFailure(agent.ProtoId, executor.Id, 0));
            }
        }
    }

    /// <summary>Drops the task without further updates (its agent is gone).</summary>
    private void ForgetTaskLocked(SimTask task)
    {
        task.StopTimers();
        ReleaseTaskLocked(task, reportExecutorExit: false);
        task.Framework.Tasks.Remove(task.Id.Value);
    }

    internal static bool IsTerminal(TaskState state) => state is TaskState.TaskFinished or TaskState.TaskFailed or TaskState.TaskKilled
        or TaskState.TaskLost or TaskState.TaskError or TaskState.TaskDropped or TaskState.TaskGone or TaskState.TaskGoneByOperator;
}
