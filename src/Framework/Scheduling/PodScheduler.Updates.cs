using k8s.Models;
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
        var freed = false;
        if (!_taskToPod.TryGetValue(taskId, out var key) || !_launched.TryGetValue(key, out var tasks))
        {
            // A task the master runs for us that no pod owns (e.g. launched before a restart): kill it.
            _counters.UnknownTaskUpdate();
            if (!TaskStates.IsTerminal(status.State))
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
            if (previous == status.State || TaskStates.IsTerminal(previous))
            {
                // Updates of a task arrive in order, but reconciliation can repeat a state: a duplicate changes
                // nothing, and nothing leaves a terminal state.
                _counters.StaleUpdate();
                LogStaleUpdate(taskId, TaskStates.Name(previous), TaskStates.Name(status.State));
            }
            else if (NeverStarted(status) && tasks.States.Values.All(s => s is TaskState.TaskStaging or TaskState.TaskDropped or TaskState.TaskLost))
            {
                // The master refused the launch itself (the offer was gone): the pod never ran, so it queues again.
                Requeue(tasks, status.Message);
                freed = true;
            }
            else
            {
                tasks.States[taskId] = status.State;
                freed = ApplyTaskStates(tasks, status);
            }
        }

        // Acknowledge only after the new state is stored: a crash before this point makes Mesos resend it.
        if (status.HasUuid && status.AgentId is not null)
        {
            await TrySendAsync(new Call
            {
                Type = Call.Types.Type.Acknowledge,
                Acknowledge = new Call.Types.Acknowledge { AgentId = status.AgentId.Clone(), TaskId = status.TaskId.Clone(), Uuid = status.Uuid },
            }, ct).ConfigureAwait(false);
        }

        if (freed)
        {
            _queue.WakeAll();
        }

        return freed;
    }

    private static bool NeverStarted(TaskStatus status) =>
        status.State is TaskState.TaskDropped or TaskState.TaskLost
        && status.Source == TaskStatus.Types.Source.Master
        && status.Reason == TaskStatus.Types.Reason.InvalidOffers;

    /// <summary>Writes the pod's phase from its tasks; true when the pod's resources were just released.</summary>
    private bool ApplyTaskStates(PodTasks tasks, TaskStatus latest, string? failureReason = null)
    {
        var phase = TaskStates.PodPhase(tasks.States.Values);
        var freed = false;
        if (tasks.AllTerminal && !tasks.Released)
        {
            Release(tasks);
            freed = true;
        }

        if (_store.Get(tasks.PodKey) is not { } pod)
        {
            return freed;
        }

        if (tasks.DeletionRequestedAt is not null && tasks.AllTerminal)
        {
            Forget(tasks);
            return freed;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var running = phase == PodPhases.Running;
        pod.Metadata.Annotations = new Dictionary<string, string>(pod.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            [PodViews.TaskStateAnnotation] = TaskStates.Name(latest.State),
        };
        pod.Status = new V1PodStatus
        {
            Phase = phase,
            StartTime = pod.Status?.StartTime ?? (running ? now : null),
            Reason = phase == PodPhases.Failed ? failureReason ?? (latest.HasReason ? latest.Reason.ToString() : "TaskFailed") : null,
            Message = phase is PodPhases.Failed or PodPhases.Unknown && latest.HasMessage ? latest.Message : null,
            Conditions =
            [
                new V1PodCondition { Type = "PodScheduled", Status = "True" },
                new V1PodCondition { Type = "Ready", Status = running ? "True" : "False", LastTransitionTime = now },
            ],
        };
        _store.Update(pod);
        _feed.Publish(new PodUpdated(PodViews.From(pod, _options)));
        return freed;
    }

    private void Release(PodTasks tasks)
    {
        tasks.Released = true;
        if (_agents.TryGetValue(tasks.AgentId, out var agent))
        {
            agent.RemovePod(tasks.PodKey, tasks.OwnerUid, tasks.Charged);
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
    private void Forget(PodTasks tasks)
    {
        ForgetTasks(tasks);
        RemovePod(tasks.PodKey);
    }

    /// <summary>The launch never happened: unbind the pod and queue it again.</summary>
    private void Requeue(PodTasks tasks, string? why)
    {
        ForgetTasks(tasks);
        if (_store.Get(tasks.PodKey) is not { } pod)
        {
            return;
        }

        pod.Spec.NodeName = null;
        pod.Status = new V1PodStatus
        {
            Phase = PodPhases.Pending,
            Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "LaunchRefused", Message = why ?? "the master refused the launch" }],
        };
        _store.Update(pod);
        _feed.Publish(new PodUpdated(PodViews.From(pod, _options)));
        _queue.Add(tasks.PodKey);
    }

    private void RemovePod(string key)
    {
        _pendingReasons.Remove(key);
        _queue.Remove(key);
        if (_store.Get(key) is { } pod && _store.Remove(key))
        {
            _feed.Publish(new PodRemoved(pod.Metadata.NamespaceProperty, pod.Metadata.Name));
        }
    }

    private async Task OnDeletionRequestedAsync(string key, CancellationToken ct)
    {
        if (!_launched.TryGetValue(key, out var tasks))
        {
            RemovePod(key);
            return;
        }

        if (tasks.AllTerminal)
        {
            Forget(tasks);
            return;
        }

        tasks.DeletionRequestedAt ??= _time.GetUtcNow();
        if (_store.Get(key) is { } pod)
        {
            pod.Metadata.DeletionTimestamp = tasks.DeletionRequestedAt.Value.UtcDateTime;
            _store.Update(pod);
            _feed.Publish(new PodUpdated(PodViews.From(pod, _options)));
        }

        foreach (var (taskId, state) in tasks.States)
        {
            if (!TaskStates.IsTerminal(state))
            {
                await TrySendAsync(new Call
                {
                    Type = Call.Types.Type.Kill,
                    Kill = new Call.Types.Kill { TaskId = new TaskID { Value = taskId }, AgentId = new AgentID { Value = tasks.AgentId } },
                }, ct).ConfigureAwait(false);
            }
        }
    }
}
