using k8s.Models;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Pods;
using KubeMesos.Shared.Contracts;
using Mesos.V1;
using Mesos.V1.Scheduler;
using TaskStatus = Mesos.V1.TaskStatus;

namespace KubeMesos.Framework.Scheduling;

/// <summary>Task status updates, pod deletion and the pod ↔ task bookkeeping.</summary>
public sealed partial class PodScheduler
{
    private async Task<bool> OnStatusUpdateAsync(TaskStatus status, CancellationToken ct)
    {
        var taskId = status.TaskId.Value;
        using var scope = SchedulerLogScopes.Task(_logger, taskId, status.AgentId?.Value);
        var freed = false;
        var released = false;
        if (_listed && !_taskToPod.ContainsKey(taskId))
        {
            // Launched by an earlier run whose binding was never stored: adopted, and then updated as any other.
            TryAdopt(status, out released);
        }

        _taskToPod.TryGetValue(taskId, out var podKey);
        using var podScope = podKey is null ? null : SchedulerLogScopes.Pod(_logger, podKey);
        if (podKey is not { } key || !_launched.TryGetValue(key, out var tasks))
        {
            // A task the master runs for us that no pod owns (its pod was deleted while we were away): kill it. Not
            // before the store has been read, though: until then every task would look unknown.
            _counters.UnknownTaskUpdate();
            if (_listed && !TaskStates.IsTerminal(status.State))
            {
                LogKillingUnknownTask(taskId, TaskStates.Name(status.State));
                var kill = new Call.Types.Kill { TaskId = status.TaskId.Clone() };
                if (status.AgentId is not null)
                {
                    kill.AgentId = status.AgentId.Clone();
                }

                await TrySendAsync(new Call { Type = Call.Types.Type.Kill, Kill = kill }, ct).ConfigureAwait(false);
            }
        }
        else
        {
            var previous = tasks.States[taskId];
            if (previous == status.State || TaskStates.IsTerminal(previous) || TaskStates.IsRegression(previous, status.State))
            {
                // Updates of a task arrive in order, but reconciliation can repeat a state or answer with an older
                // one: a duplicate or a step back changes nothing, and nothing leaves a terminal state.
                _counters.StaleUpdate();
                LogStaleUpdate(taskId, TaskStates.Name(previous), TaskStates.Name(status.State));
            }
            else if (NeverStarted(status) && tasks.States.Values.All(s => s is TaskState.TaskStaging or TaskState.TaskDropped or TaskState.TaskLost))
            {
                // The master refused the launch itself (the offer was gone): the pod never ran, so it queues again.
                Requeue(tasks, status.Message);
                freed = true;
            }
            else if (TaskGone.IsReportedGone(status))
            {
                // The master says the task is not there (after a master failover, a lost agent, or a task it forgot):
                // the pod ends, as Kubernetes ends the pods of a deleted node, so its controller replaces it.
                tasks.States[taskId] = status.State;
                var message = TaskGone.Message(status);
                Record(key, KubernetesEventRecorder.Warning, TaskGone.Reason, message);
                freed = await ApplyTaskStatesAsync(tasks, status, ct, TaskGone.Reason, message).ConfigureAwait(false);
            }
            else
            {
                tasks.States[taskId] = status.State;
                freed = await ApplyTaskStatesAsync(tasks, status, ct).ConfigureAwait(false);
            }
        }

        // Acknowledge only after the new state is stored (the pod's queued write, see PodScheduler.Writes): a crash
        // before that makes Mesos resend it. The loop does not wait for the master's answer: acknowledgements of different tasks are independent, and
        // the master sends a task's next update only after this one is acknowledged, so their order is kept.
        if (status.HasUuid && status.AgentId is not null)
        {
            AcknowledgeAfterWrite(podKey, new Call
            {
                Type = Call.Types.Type.Acknowledge,
                Acknowledge = new Call.Types.Acknowledge { AgentId = status.AgentId.Clone(), TaskId = status.TaskId.Clone(), Uuid = status.Uuid },
            });
        }

        if (freed || released)
        {
            _queue.WakeAll();
        }

        return freed || released;
    }


    private static bool NeverStarted(TaskStatus status) =>
        status.State is TaskState.TaskDropped or TaskState.TaskLost
        && status.Source == TaskStatus.Types.Source.Master
        && status.Reason == TaskStatus.Types.Reason.InvalidOffers;

    /// <summary>Writes the pod's phase from its tasks; true when the pod's resources were just released.</summary>
    private async Task<bool> ApplyTaskStatesAsync(PodTasks tasks, TaskStatus latest, CancellationToken ct, string? failureReason = null, string? failureMessage = null)
    {
        var phase = TaskStates.PodPhase(tasks.States.Values);
        var freed = false;
        if (tasks.AllTerminal && !tasks.Released)
        {
            Release(tasks);
            freed = true;
            if (phase == PodPhases.Failed)
            {
                _counters.PodFailed();
            }
        }

        if (tasks.DeletionRequestedAt is not null && tasks.AllTerminal)
        {
            await ForgetAsync(tasks, ct).ConfigureAwait(false);
            return freed;
        }

        if (latest.State == TaskState.TaskStarting && phase == PodPhases.Pending)
        {
            // Kubernetes has no "starting" step a client could see: the pod stays Pending until its containers run, and
            // not writing it saves a quarter of a pod's writes (and their watch events) in a burst.
            return freed;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var running = phase == PodPhases.Running;
        QueuePodWrite(tasks.PodKey, pod =>
        {
            pod.Metadata.Annotations ??= new Dictionary<string, string>();
            pod.Metadata.Annotations[PodViews.TaskStateAnnotation] = TaskStates.Name(latest.State);
            pod.Status = new V1PodStatus
            {
                Phase = phase,
                StartTime = pod.Status?.StartTime ?? (running ? now : null),
                Reason = phase == PodPhases.Failed ? failureReason ?? (latest.HasReason ? latest.Reason.ToString() : "TaskFailed") : null,
                Message = phase is PodPhases.Failed or PodPhases.Unknown ? failureMessage ?? (latest.HasMessage ? latest.Message : null) : null,
                Conditions =
                [
                    new V1PodCondition { Type = "PodScheduled", Status = "True" },
                    new V1PodCondition { Type = "Ready", Status = running ? "True" : "False", LastTransitionTime = now },
                ],
                ContainerStatuses = [.. pod.Spec.Containers.Select(c => ContainerStatus(pod, c, tasks, now))],
            };
        });
        return freed;
    }

    /// <summary>A container's status from its task's state, as a kubelet would report it.</summary>
    private static V1ContainerStatus ContainerStatus(V1Pod pod, V1Container container, PodTasks tasks, DateTime now)
    {
        var state = tasks.States.TryGetValue(PodTaskIds.Task(pod, container.Name), out var s) ? s : TaskState.TaskStaging;
        var name = TaskStates.Name(state);
        return new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ImageID = string.Empty,
            RestartCount = 0,
            Ready = state == TaskState.TaskRunning,
            Started = state is TaskState.TaskRunning or TaskState.TaskKilling,
            State = state switch
            {
                TaskState.TaskRunning or TaskState.TaskKilling => new V1ContainerState
                {
                    Running = new V1ContainerStateRunning
                    {
                        StartedAt = pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == container.Name)?.State?.Running?.StartedAt ?? now,
                    },
                },
                _ when TaskStates.IsTerminal(state) => new V1ContainerState
                {
                    Terminated = new V1ContainerStateTerminated { ExitCode = state == TaskState.TaskFinished ? 0 : 1, Reason = name, FinishedAt = now },
                },
                _ => new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = name } },
            },
        };
    }

    private void Release(PodTasks tasks)
    {
        tasks.Released = true;
        _agentBook.Finished(tasks.AgentId, tasks.PodKey);
        if (_agents.TryGetValue(tasks.AgentId, out var agent))
        {
            agent.RemovePod(tasks.PodKey, tasks.OwnerUid, tasks.Charged, tasks.HostPorts);
            _feed.Publish(new AgentUpdated(agent.ToView()));
        }
    }

    private void ForgetTasks(PodTasks tasks)
    {
        if (!tasks.Released)
        {
            Release(tasks);
        }

        foreach (var taskId in tasks.States.Keys)
        {
            _taskToPod.Remove(taskId);
        }

        _launched.Remove(tasks.PodKey);
    }

    /// <summary>Drops a deleted pod and all trace of its tasks.</summary>
    private async Task ForgetAsync(PodTasks tasks, CancellationToken ct)
    {
        ForgetTasks(tasks);
        await DeletePodAsync(tasks.PodKey, ct).ConfigureAwait(false);
    }

    /// <summary>The launch never happened: unbind the pod and queue it again.</summary>
    private void Requeue(PodTasks tasks, string? why)
    {
        ForgetTasks(tasks);
        // Queued at once: a placement in this pass writes its binding after this unbinding, in one write.
        MarkQueued(tasks.PodKey);
        _queue.Add(tasks.PodKey);
        QueuePodWrite(tasks.PodKey, pod =>
        {
            pod.Spec.NodeName = null;
            pod.Status = new V1PodStatus
            {
                Phase = PodPhases.Pending,
                Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "LaunchRefused", Message = why ?? "the master refused the launch" }],
            };
        });
    }
}
