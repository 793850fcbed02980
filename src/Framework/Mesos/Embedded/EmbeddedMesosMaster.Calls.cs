using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;
using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Mesos.Embedded;

// Every call but SUBSCRIBE: the framework and stream checks of src/master/http.cpp, then the call itself.
public sealed partial class EmbeddedMesosMaster
{
    /// <summary>Handles a validated non-SUBSCRIBE call (see <see cref="CallValidator"/>) carrying <paramref name="streamId"/>.</summary>
    internal CallResult Handle(Call call, string? streamId)
    {
        lock (_lock)
        {
            StateChangedLocked();
            if (!_frameworks.TryGetValue(call.FrameworkId.Value, out var framework))
            {
                return CallResult.BadRequest("Framework cannot be found");
            }

            if (framework.Stream is not { } stream)
            {
                return new CallResult(StatusCodes.Status403Forbidden, "Framework is not subscribed");
            }

            if (streamId is null)
            {
                return CallResult.BadRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
            }

            if (streamId != stream.Id)
            {
                return CallResult.BadRequest(
                    $"The stream ID '{streamId}' included in this request didn't match the stream ID currently associated with framework ID {framework.Id}");
            }

            switch (call.Type)
            {
                case Call.Types.Type.Teardown:
                    RemoveFrameworkLocked(framework, "TEARDOWN");
                    break;
                case Call.Types.Type.Accept:
                    AcceptLocked(framework, call.Accept);
                    break;
                case Call.Types.Type.Decline:
                    DeclineLocked(framework, call.Decline);
                    break;
                case Call.Types.Type.Revive:
                    ReviveLocked(framework, call.Revive?.Roles);
                    break;
                case Call.Types.Type.Suppress:
                    framework.SuppressedRoles.UnionWith(RolesOf(framework, call.Suppress?.Roles));
                    break;
                case Call.Types.Type.Kill:
                    KillLocked(framework, call.Kill);
                    break;
                case Call.Types.Type.Shutdown:
                    if (framework.Tasks.Values.FirstOrDefault(t => t.Executor.Id.Equals(call.Shutdown.ExecutorId) && t.Agent.ProtoId.Equals(call.Shutdown.AgentId)) is { } any)
                    {
                        KillGroupLocked([.. any.Executor.LiveTasks]);
                    }

                    break;
                case Call.Types.Type.Acknowledge:
                    AcknowledgeLocked(framework, call.Acknowledge);
                    break;
                case Call.Types.Type.Reconcile:
                    ReconcileLocked(framework, call.Reconcile);
                    break;
                case Call.Types.Type.Message:
                case Call.Types.Type.Request:
                case Call.Types.Type.AcceptInverseOffers:
                case Call.Types.Type.DeclineInverseOffers:
                    // No executor reads messages, the allocator ignores requests, and no inverse offers exist here.
                    break;
                case Call.Types.Type.Unknown:
                    return new CallResult(StatusCodes.Status501NotImplemented, "Received an unexpected 'UNKNOWN' call");
                default:
                    return new CallResult(StatusCodes.Status501NotImplemented, $"Call type {call.Type} is not implemented by the embedded master");
            }

            return CallResult.Accepted;
        }
    }

    /// <summary>The framework's suppressed roles (tests; Mesos shows them in the web UI only).</summary>
    internal IReadOnlyList<string> SuppressedRolesOf(string frameworkId)
    {
        lock (_lock)
        {
            return _frameworks.TryGetValue(frameworkId, out var framework) ? [.. framework.SuppressedRoles.Order(StringComparer.Ordinal)] : [];
        }
    }

    private IEnumerable<string> RolesOf(SimFramework framework, IEnumerable<string>? roles)
    {
        var given = roles?.ToList() ?? [];
        if (given.Where(r => !framework.Roles.Contains(r)).ToList() is { Count: > 0 } unknown)
        {
            _logger.LogWarning("Framework {FrameworkId} named roles it is not subscribed with ({Roles}); dropped, as Mesos does", framework.Id, string.Join(",", unknown));
        }

        // An empty list means all the framework's roles; roles it does not have are dropped (MESOS-V1-FACTS, other calls).
        return given.Count == 0 ? framework.Roles : given.Where(framework.Roles.Contains);
    }

    private void DeclineLocked(SimFramework framework, Call.Types.Decline decline)
    {
        foreach (var id in decline.OfferIds)
        {
            if (_offers.TryGetValue(id.Value, out var offer) && offer.Framework == framework)
            {
                RemoveOfferLocked(offer);
                AddFilterLocked(framework, offer.Agent, offer.Role, offer.Resources, decline.Filters);
            }
        }
    }

    private void ReviveLocked(SimFramework framework, IEnumerable<string>? roles)
    {
        var revived = RolesOf(framework, roles).ToHashSet(StringComparer.Ordinal);
        framework.SuppressedRoles.ExceptWith(revived);
        foreach (var key in framework.Filters.Keys.Where(k => revived.Contains(k.Role)).ToList())
        {
            framework.Filters.Remove(key);
        }

        AllocateLocked();
    }

    private void KillLocked(SimFramework framework, Call.Types.Kill kill)
    {
        if (!framework.Tasks.TryGetValue(kill.TaskId.Value, out var task))
        {
            framework.Stream?.Send(Events.Update(UnknownTaskStatus(framework, kill.TaskId, kill.AgentId)));
            return;
        }

        if (kill.AgentId is { } agentId && !agentId.Equals(task.Agent.ProtoId))
        {
            _logger.LogWarning("KILL of task {TaskId} names agent {AgentId}, not its agent {Actual}; ignored", task.Id.Value, agentId.Value, task.Agent.Id);
            return;
        }

        // The default executor kills the whole group when one of its tasks is killed.
        KillGroupLocked(task.Group);
    }

    private void AcknowledgeLocked(SimFramework framework, Call.Types.Acknowledge ack)
    {
        if (!framework.Tasks.TryGetValue(ack.TaskId.Value, out var task)
            || !ack.AgentId.Equals(task.Agent.ProtoId)
            || !task.PendingUpdates.TryPeek(out var head)
            || !head.Uuid.Equals(ack.Uuid))
        {
            return;
        }

        task.PendingUpdates.Dequeue();
        if (task.PendingUpdates.Count > 0)
        {
            SendHeadLocked(task, resetDelay: true);
            return;
        }

        // Nothing left to resend: drop the timer rather than park it, or every running task keeps one for its whole
        // life. SendHeadLocked makes a new one for the next update.
        task.RetryTimer?.Dispose();
        task.RetryTimer = null;
        if (task.Released)
        {
            // The terminal update is acknowledged: the task is forgotten (and leaves implicit reconciliation).
            task.StopTimers();
            framework.Tasks.Remove(task.Id.Value);
        }
    }

    private void ReconcileLocked(SimFramework framework, Call.Types.Reconcile reconcile)
    {
        if (framework.Stream is not { } stream)
        {
            return;
        }

        if (reconcile.Tasks.Count == 0)
        {
            foreach (var task in framework.Tasks.Values)
            {
                stream.Send(Events.Update(ReconcileStatus(task)));
            }

            return;
        }

        foreach (var entry in reconcile.Tasks)
        {
            var status = framework.Tasks.TryGetValue(entry.TaskId.Value, out var task)
                ? ReconcileStatus(task)
                : UnknownTaskStatus(framework, entry.TaskId, entry.AgentId);
            stream.Send(Events.Update(status));
        }
    }

    private TaskStatus ReconcileStatus(SimTask task)
    {
        var status = MasterStatus(task.Framework, task.Id, task.SentState, TaskStatus.Types.Reason.Reconciliation, "Reconciliation: Latest task state", task.Agent.ProtoId);
        status.ExecutorId = task.Executor.Id;
        return status;
    }

    /// <summary>The answer of explicit reconciliation for a task the master does not know (MESOS-V1-FACTS, KILL / RECONCILE).</summary>
    private TaskStatus UnknownTaskStatus(SimFramework framework, TaskID taskId, AgentID? agentId)
    {
        const TaskStatus.Types.Reason reason = TaskStatus.Types.Reason.Reconciliation;
        if (agentId is null)
        {
            return MasterStatus(framework, taskId, TaskState.TaskUnknown, reason, "Reconciliation: Task is unknown", null);
        }

        if (_agents.ContainsKey(agentId.Value))
        {
            return MasterStatus(framework, taskId, TaskState.TaskGone, reason, "Reconciliation: Task is unknown to the agent", agentId);
        }

        if (_unreachableAgents.TryGetValue(agentId.Value, out var since))
        {
            var status = MasterStatus(framework, taskId, TaskState.TaskUnreachable, reason, "Reconciliation: Task is unreachable", agentId);
            if (status.State == TaskState.TaskUnreachable)
            {
                status.UnreachableTime = new TimeInfo { Nanoseconds = since.ToUnixTimeMilliseconds() * 1_000_000 };
            }

            return status;
        }

        return MasterStatus(framework, taskId, TaskState.TaskUnknown, reason, "Reconciliation: Task is unknown", agentId);
    }

    /// <summary>A status the master makes itself: SOURCE_MASTER, no uuid (never acknowledged, never resent).</summary>
    private TaskStatus MasterStatus(SimFramework framework, TaskID taskId, TaskState state, TaskStatus.Types.Reason reason, string message, AgentID? agentId)
    {
        var status = new TaskStatus
        {
            TaskId = taskId,
            State = framework.Downgrade(state),
            Source = TaskStatus.Types.Source.Master,
            Reason = reason,
            Message = message,
            Timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0,
        };
        if (agentId is not null)
        {
            status.AgentId = agentId;
        }

        return status;
    }
}
