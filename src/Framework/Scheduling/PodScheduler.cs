using Google.Protobuf;
using k8s.Models;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Mesos.Client;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Mesos.V1;
using Mesos.V1.Scheduler;
using TaskStatus = Mesos.V1.TaskStatus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// The scheduler loop: a single reader of <see cref="SchedulerInbox"/> that owns offers, the pending queue and the
/// task ↔ pod bookkeeping, so none of it needs a lock. After each batch of messages it runs one placement pass:
/// pending pods, first come first served, each onto the first held offer with room for it (several pods per
/// offer, one ACCEPT per offer, one LAUNCH_GROUP per pod).
/// </summary>
public sealed partial class PodScheduler(
    SchedulerInbox inbox,
    IMesosCallSender mesos,
    IPodStore store,
    ClusterFeed feed,
    IOptions<SchedulerOptions> options,
    IOptions<MesosClientOptions> clientOptions,
    TimeProvider timeProvider,
    ILogger<PodScheduler> logger) : BackgroundService
{
    private readonly SchedulerOptions _options = options.Value;
    private readonly string _role = clientOptions.Value.Role;
    private readonly Dictionary<string, HeldOffer> _offers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentState> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodTasks> _launched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _taskToPod = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pendingReasons = new(StringComparer.Ordinal);
    private List<string> _pending = [];
    private FrameworkID? _frameworkId;
    private bool _connected;
    private bool _suppressed;
    private long _offerSequence;
    private string _master = string.Empty;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = timeProvider.CreateTimer(
            _ => inbox.Post(new Housekeeping()), null, _options.HousekeepingInterval, _options.HousekeepingInterval);
        while (await inbox.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            var placementNeeded = false;
            while (inbox.Reader.TryRead(out var message))
            {
                try
                {
                    placementNeeded |= await HandleAsync(message, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One bad message must not stop scheduling for everyone else.
                    LogHandlerFailed(ex, message.GetType().Name);
                }
            }

            if (placementNeeded)
            {
                try
                {
                    await PlaceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogHandlerFailed(ex, "placement pass");
                }
            }
        }
    }

    /// <summary>Handles one message; true when a placement pass could now place something.</summary>
    private async Task<bool> HandleAsync(SchedulerMessage message, CancellationToken ct)
    {
        switch (message)
        {
            case MasterSubscribed m:
                return await OnSubscribedAsync(m.FrameworkId, m.Master, ct).ConfigureAwait(false);
            case MasterDisconnected m:
                _connected = false;
                WithdrawOffers(OfferRemovalReason.Withdrawn);
                feed.Publish(new SchedulerStatusChanged(new SchedulerStatusView(false, _master, _frameworkId?.Value, m.Reason)));
                return false;
            case MasterEvent { Event: var e }:
                return await OnMesosEventAsync(e, ct).ConfigureAwait(false);
            case PodSubmitted m:
                if (!_pending.Contains(m.Key))
                {
                    _pending.Add(m.Key);
                }

                await ReviveIfSuppressedAsync(ct).ConfigureAwait(false);
                return true;
            case PodDeletionRequested m:
                await OnDeletionRequestedAsync(m.Key, ct).ConfigureAwait(false);
                return false;
            case Housekeeping:
                await HousekeepAsync(ct).ConfigureAwait(false);
                return false;
            default:
                return false;
        }
    }

    private async Task<bool> OnSubscribedAsync(FrameworkID frameworkId, Uri master, CancellationToken ct)
    {
        _frameworkId = frameworkId;
        _connected = true;
        _suppressed = false;
        _master = master.ToString();

        // Offers of an earlier stream are void after a resubscription (the master drops them without RESCIND).
        WithdrawOffers(OfferRemovalReason.Withdrawn);
        feed.Publish(new SchedulerStatusChanged(new SchedulerStatusView(true, _master, frameworkId.Value, null)));

        // Reconcile: explicitly the tasks we believe alive, then implicitly to learn of tasks we do not know.
        var explicitTasks = new Call.Types.Reconcile();
        foreach (var (taskId, podKey) in _taskToPod)
        {
            var tasks = _launched[podKey];
            if (!TaskStates.IsTerminal(tasks.States[taskId]))
            {
                explicitTasks.Tasks.Add(new Call.Types.Reconcile.Types.Task
                {
                    TaskId = new TaskID { Value = taskId },
                    AgentId = new AgentID { Value = tasks.AgentId },
                });
            }
        }

        if (explicitTasks.Tasks.Count > 0)
        {
            await TrySendAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = explicitTasks }, ct).ConfigureAwait(false);
        }

        await TrySendAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile() }, ct).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> OnMesosEventAsync(Event e, CancellationToken ct)
    {
        switch (e.Type)
        {
            case Event.Types.Type.Offers when e.Offers is not null:
                foreach (var offer in e.Offers.Offers_)
                {
                    AddOffer(offer);
                }

                return true;
            case Event.Types.Type.Rescind when e.Rescind?.OfferId is { } offerId:
                RemoveOffer(offerId.Value, OfferRemovalReason.Rescinded);
                return false;
            case Event.Types.Type.Update when e.Update?.Status is { } status:
                return await OnStatusUpdateAsync(status, ct).ConfigureAwait(false);
            case Event.Types.Type.Failure when e.Failure is { AgentId: { } agentId, ExecutorId: null }:
                OnAgentLost(agentId.Value);
                return true;
            case Event.Types.Type.Failure:
                // An executor exited: its tasks report their own terminal updates.
                return false;
            case Event.Types.Type.Error:
                feed.Publish(new SchedulerStatusChanged(new SchedulerStatusView(_connected, _master, _frameworkId?.Value, e.Error?.Message)));
                return false;
            default:
                LogIgnoredEvent(e.Type.ToString());
                return false;
        }
    }

    private void AddOffer(Offer offer)
    {
        var held = new HeldOffer(offer, ++_offerSequence, timeProvider.GetUtcNow());
        _offers[held.Id] = held;
        var attributes = OfferResources.Attributes(offer);
        if (!_agents.TryGetValue(held.AgentId, out var agent))
        {
            agent = new AgentState(held.AgentId, offer.Hostname, attributes);
            _agents[held.AgentId] = agent;
        }

        agent.Hostname = offer.Hostname;
        agent.Attributes = attributes;
        agent.Offered += held.Total;
        agent.ObserveCapacity();
        feed.Publish([
            new OfferReceived(new OfferView(held.Id, held.AgentId, offer.Hostname, held.Total.Cpus, held.Total.MemMb, held.Total.DiskMb,
                OfferResources.Ports(offer), held.ReceivedAt)),
            new AgentUpdated(agent.ToView()),
        ]);
    }

    private HeldOffer? RemoveOffer(string offerId, OfferRemovalReason reason)
    {
        if (!_offers.Remove(offerId, out var held))
        {
            return null;
        }

        if (_agents.TryGetValue(held.AgentId, out var agent))
        {
            agent.Offered -= held.Total;
        }

        feed.Publish(new OfferRemoved(offerId, reason));
        return held;
    }

    private void WithdrawOffers(OfferRemovalReason reason)
    {
        foreach (var id in _offers.Keys.ToList())
        {
            RemoveOffer(id, reason);
        }
    }

    private async Task PlaceAsync(CancellationToken ct)
    {
        if (!_connected || _frameworkId is null)
        {
            return;
        }

        if (_pending.Count == 0)
        {
            await SuppressIfIdleAsync(ct).ConfigureAwait(false);
            return;
        }

        var offers = _offers.Values.OrderBy(o => o.Sequence).ToList();
        var remaining = offers.Select(o => o.Total).ToArray();
        var assignments = new List<(V1Pod Pod, ResourceDemand Need)>?[offers.Count];
        var stillPending = new List<string>(_pending.Count);
        foreach (var key in _pending)
        {
            if (store.Get(key) is not { } pod || pod.Metadata.DeletionTimestamp is not null)
            {
                continue;
            }

            var need = PodResources.WithExecutor(PodResources.ForPod(pod, _options), _options);
            int cpusShort = 0, memShort = 0, diskShort = 0, chosen = -1;
            for (var i = 0; i < offers.Count; i++)
            {
                if (remaining[i].Fits(need))
                {
                    chosen = i;
                    break;
                }

                if (!remaining[i].HasCpusFor(need))
                {
                    cpusShort++;
                }
                else if (!remaining[i].HasMemFor(need))
                {
                    memShort++;
                }
                else
                {
                    diskShort++;
                }
            }

            if (chosen < 0)
            {
                stillPending.Add(key);
                SetPendingReason(pod, Explain(offers.Count, cpusShort, memShort, diskShort));
                continue;
            }

            remaining[chosen] -= need;
            (assignments[chosen] ??= []).Add((pod, need));
        }

        _pending = stillPending;
        for (var i = 0; i < offers.Count; i++)
        {
            if (assignments[i] is { } pods)
            {
                await LaunchAsync(offers[i], pods, ct).ConfigureAwait(false);
            }
        }

        if (_pending.Count == 0)
        {
            await SuppressIfIdleAsync(ct).ConfigureAwait(false);
        }
    }

    private static string Explain(int offers, int cpusShort, int memShort, int diskShort)
    {
        if (offers == 0)
        {
            return "0 offers held: waiting for Mesos to offer resources";
        }

        var reasons = new List<string>(3);
        if (cpusShort > 0)
        {
            reasons.Add($"{cpusShort} insufficient cpus");
        }

        if (memShort > 0)
        {
            reasons.Add($"{memShort} insufficient mem");
        }

        if (diskShort > 0)
        {
            reasons.Add($"{diskShort} insufficient disk");
        }

        return $"0/{offers} offers fit: {string.Join(", ", reasons)}";
    }

    private void SetPendingReason(V1Pod pod, string reason)
    {
        var key = InMemoryPodStore.KeyOf(pod);
        if (_pendingReasons.TryGetValue(key, out var previous) && previous == reason)
        {
            return;
        }

        _pendingReasons[key] = reason;
        pod.Status = new V1PodStatus
        {
            Phase = PodPhases.Pending,
            Conditions = [new V1PodCondition
            {
                Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = reason,
                LastTransitionTime = timeProvider.GetUtcNow().UtcDateTime,
            }],
        };
        store.Update(pod);
        feed.Publish(new PodUpdated(PodViews.From(pod, _options)));
    }

    private async Task LaunchAsync(HeldOffer offer, List<(V1Pod Pod, ResourceDemand Need)> pods, CancellationToken ct)
    {
        var accept = new Call.Types.Accept
        {
            OfferIds = { offer.Offer.Id.Clone() },
            // Leftovers go straight back when more pods wait; otherwise keep them away for the usual refusal.
            Filters = new Filters { RefuseSeconds = _pending.Count > 0 ? 0 : _options.RefuseSeconds },
        };
        foreach (var (pod, _) in pods)
        {
            accept.Operations.Add(LaunchGroupBuilder.Build(pod, offer.Offer, _frameworkId!, _options));
        }

        RemoveOffer(offer.Id, OfferRemovalReason.Accepted);
        try
        {
            await mesos.SendAsync(new Call { Type = Call.Types.Type.Accept, Accept = accept }, ct).ConfigureAwait(false);
        }
        catch (MesosCallException ex)
        {
            LogLaunchFailed(ex, offer.Id, pods.Count);
            _pending.InsertRange(0, pods.Select(p => InMemoryPodStore.KeyOf(p.Pod)));
            return;
        }

        foreach (var (pod, need) in pods)
        {
            MarkLaunched(pod, offer, need);
        }
    }

    private void MarkLaunched(V1Pod pod, HeldOffer offer, ResourceDemand need)
    {
        var key = InMemoryPodStore.KeyOf(pod);
        var tasks = new PodTasks(key, offer.AgentId, need);
        foreach (var container in pod.Spec.Containers)
        {
            var taskId = PodTaskIds.Task(pod, container.Name);
            tasks.States[taskId] = TaskState.TaskStaging;
            _taskToPod[taskId] = key;
        }

        _launched[key] = tasks;
        _pendingReasons.Remove(key);
        var agent = _agents[offer.AgentId];
        agent.Used += need;
        agent.Pods.Add(key);

        var now = timeProvider.GetUtcNow();
        pod.Spec.NodeName = offer.Offer.Hostname;
        pod.Metadata.Annotations = new Dictionary<string, string>(pod.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            [PodViews.AgentIdAnnotation] = offer.AgentId,
            [PodViews.TaskStateAnnotation] = TaskStates.Name(TaskState.TaskStaging),
        };
        pod.Status = new V1PodStatus
        {
            Phase = PodPhases.Pending,
            Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now.UtcDateTime }],
        };
        store.Update(pod);
        LogPlaced(key, offer.Offer.Hostname, offer.Id);
        feed.Publish([
            new PodUpdated(PodViews.From(pod, _options)),
            new PodPlaced(new PlacementView(pod.Metadata.NamespaceProperty, pod.Metadata.Name, offer.AgentId, offer.Offer.Hostname, offer.Id, now)),
            new AgentUpdated(agent.ToView()),
        ]);
    }

    private async Task<bool> OnStatusUpdateAsync(TaskStatus status, CancellationToken ct)
    {
        var taskId = status.TaskId.Value;
        var freed = false;
        if (!_taskToPod.TryGetValue(taskId, out var key) || !_launched.TryGetValue(key, out var tasks))
        {
            // A task the master runs for us that we do not know (e.g. from before a restart): it has no pod, kill it.
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
            // Updates of a task arrive in order, but a reconciliation answer can repeat an older state: never leave a
            // terminal state, and never change anything on a duplicate.
            if (previous != status.State && !TaskStates.IsTerminal(previous))
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

        return freed;
    }

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

        if (store.Get(tasks.PodKey) is not { } pod)
        {
            return freed;
        }

        if (tasks.DeletionRequestedAt is not null && tasks.AllTerminal)
        {
            Forget(tasks);
            return freed;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var running = phase == PodPhases.Running;
        pod.Metadata.Annotations = new Dictionary<string, string>(pod.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            [PodViews.TaskStateAnnotation] = TaskStates.Name(latest.State),
        };
        pod.Status = new V1PodStatus
        {
            Phase = phase,
            HostIP = null,
            StartTime = pod.Status?.StartTime ?? (running ? now : null),
            Reason = phase == PodPhases.Failed ? failureReason ?? (latest.HasReason ? latest.Reason.ToString() : "TaskFailed") : null,
            Message = phase is PodPhases.Failed or PodPhases.Unknown && latest.HasMessage ? latest.Message : null,
            Conditions =
            [
                new V1PodCondition { Type = "PodScheduled", Status = "True" },
                new V1PodCondition { Type = "Ready", Status = running ? "True" : "False", LastTransitionTime = now },
            ],
        };
        store.Update(pod);
        feed.Publish(new PodUpdated(PodViews.From(pod, _options)));
        return freed;
    }

    private void Release(PodTasks tasks)
    {
        tasks.Released = true;
        if (_agents.TryGetValue(tasks.AgentId, out var agent))
        {
            agent.Used -= tasks.Charged;
            agent.Pods.Remove(tasks.PodKey);
            feed.Publish(new AgentUpdated(agent.ToView()));
        }
    }

    /// <summary>Drops a deleted pod and all trace of its tasks.</summary>
    private void Forget(PodTasks tasks)
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
        RemovePod(tasks.PodKey);
    }

    private void RemovePod(string key)
    {
        _pendingReasons.Remove(key);
        if (store.Get(key) is { } pod && store.Remove(key))
        {
            feed.Publish(new PodRemoved(pod.Metadata.NamespaceProperty, pod.Metadata.Name));
        }
    }

    private async Task OnDeletionRequestedAsync(string key, CancellationToken ct)
    {
        if (!_launched.TryGetValue(key, out var tasks))
        {
            _pending.Remove(key);
            RemovePod(key);
            return;
        }

        if (tasks.AllTerminal)
        {
            Forget(tasks);
            return;
        }

        tasks.DeletionRequestedAt ??= timeProvider.GetUtcNow();
        if (store.Get(key) is { } pod)
        {
            pod.Metadata.DeletionTimestamp = tasks.DeletionRequestedAt.Value.UtcDateTime;
            store.Update(pod);
            feed.Publish(new PodUpdated(PodViews.From(pod, _options)));
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

    private void OnAgentLost(string agentId)
    {
        foreach (var offer in _offers.Values.Where(o => o.AgentId == agentId).ToList())
        {
            RemoveOffer(offer.Id, OfferRemovalReason.Rescinded);
        }

        foreach (var tasks in _launched.Values.Where(t => t.AgentId == agentId).ToList())
        {
            foreach (var taskId in tasks.States.Keys.ToList())
            {
                if (!TaskStates.IsTerminal(tasks.States[taskId]))
                {
                    tasks.States[taskId] = TaskState.TaskLost;
                }
            }

            ApplyTaskStates(tasks, new TaskStatus
            {
                TaskId = new TaskID { Value = tasks.States.Keys.First() },
                State = TaskState.TaskLost,
                Reason = TaskStatus.Types.Reason.AgentRemoved,
                Message = $"agent {agentId} was lost",
            }, failureReason: "NodeLost");
        }

        if (_agents.Remove(agentId))
        {
            feed.Publish(new AgentRemoved(agentId));
        }
    }

    private async Task HousekeepAsync(CancellationToken ct)
    {
        var now = timeProvider.GetUtcNow();
        var expired = _offers.Values.Where(o => now - o.ReceivedAt >= _options.OfferHoldTime).ToList();
        if (expired.Count > 0 && _connected)
        {
            var decline = new Call.Types.Decline { Filters = new Filters { RefuseSeconds = _options.RefuseSeconds } };
            foreach (var offer in expired)
            {
                decline.OfferIds.Add(offer.Offer.Id.Clone());
                RemoveOffer(offer.Id, OfferRemovalReason.Declined);
            }

            await TrySendAsync(new Call { Type = Call.Types.Type.Decline, Decline = decline }, ct).ConfigureAwait(false);
        }

        foreach (var tasks in _launched.Values.Where(t => t.DeletionRequestedAt is { } at && now - at >= _options.KillGracePeriod).ToList())
        {
            Forget(tasks);
        }
    }

    private async Task ReviveIfSuppressedAsync(CancellationToken ct)
    {
        if (_suppressed && _connected)
        {
            _suppressed = !await TrySendAsync(new Call { Type = Call.Types.Type.Revive, Revive = new Call.Types.Revive { Roles = { _role } } }, ct).ConfigureAwait(false);
        }
    }

    private async Task SuppressIfIdleAsync(CancellationToken ct)
    {
        if (!_suppressed && _connected)
        {
            _suppressed = await TrySendAsync(new Call { Type = Call.Types.Type.Suppress, Suppress = new Call.Types.Suppress { Roles = { _role } } }, ct).ConfigureAwait(false);
        }
    }

    private async Task<bool> TrySendAsync(Call call, CancellationToken ct)
    {
        try
        {
            await mesos.SendAsync(call, ct).ConfigureAwait(false);
            return true;
        }
        catch (MesosCallException ex)
        {
            LogCallFailed(call.Type.ToString(), ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduler failed handling {Message}")]
    private partial void LogHandlerFailed(Exception ex, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored Mesos event {Type}")]
    private partial void LogIgnoredEvent(string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Placed pod {Pod} on {Host} (offer {OfferId})")]
    private partial void LogPlaced(string pod, string host, string offerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ACCEPT of offer {OfferId} for {Count} pods failed; they wait for another offer")]
    private partial void LogLaunchFailed(Exception ex, string offerId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Killing task {TaskId} ({State}): the master runs it but no pod owns it")]
    private partial void LogKillingUnknownTask(string taskId, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mesos call {Type} failed: {Error}")]
    private partial void LogCallFailed(string type, string error);
}
