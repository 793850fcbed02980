using KubeMesos.Framework.Events;
using KubeMesos.Framework.Mesos.Client;
using KubeMesos.Framework.Offers;
using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Framework.Scheduling.Queue;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// The scheduler loop: the single reader of <see cref="SchedulerInbox"/>, owning the offer book, the queue and the
/// task ↔ pod bookkeeping, so none of it needs a lock. After each batch of messages it runs one placement pass
/// through the <see cref="PlacementPipeline"/>; the pods that go to one agent share one ACCEPT of all its offers.
/// </summary>
public sealed partial class PodScheduler : BackgroundService
{
    private readonly SchedulerInbox _inbox;
    private readonly IMesosCallSender _mesos;
    private readonly IObjectStore _store;
    private readonly ClusterFeed _feed;
    private readonly SchedulerOptions _options;
    private readonly IReadOnlyList<string> _roles;
    private readonly string _schedulerName;
    private readonly TimeProvider _time;
    private readonly ILogger<PodScheduler> _logger;
    private readonly SchedulerCounters _counters;
    private readonly KubernetesEventRecorder _events;
    private readonly PlacementPipeline _pipeline;
    private readonly OfferBook _offers = new();
    private readonly AcknowledgementSender _acknowledgements;
    private readonly SchedulingQueue _queue;
    private readonly Dictionary<string, AgentState> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodTasks> _launched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _taskToPod = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pendingReasons = new(StringComparer.Ordinal);
    private FrameworkID? _frameworkId;
    private bool _connected;
    private bool _lingering;
    private ITimer? _lingerTimer;
    private string _master = string.Empty;

    /// <summary>The <c>source.component</c> of the events the scheduler writes.</summary>
    public const string Component = "kubemesos-scheduler";

    // Bounds a pass, so that a flood of messages still gets its writes (and ACKNOWLEDGEs) out every so often.
    private const int MaxMessagesPerPass = 2048;

    // Enough to keep up with a master's update rate on loopback (each sender has one call in flight).
    private const int AcknowledgementSenders = 4;

    public PodScheduler(
        SchedulerInbox inbox,
        IMesosCallSender mesos,
        IObjectStore store,
        ClusterFeed feed,
        SchedulerCounters counters,
        KubernetesEventRecorder events,
        IOptions<SchedulerOptions> options,
        IOptions<MesosClientOptions> clientOptions,
        IOptions<RemoteApi.KubernetesOptions> kubernetesOptions,
        TimeProvider timeProvider,
        ILogger<PodScheduler> logger)
    {
        _schedulerName = kubernetesOptions.Value.SchedulerName;
        _inbox = inbox;
        _mesos = mesos;
        _store = store;
        _feed = feed;
        _counters = counters;
        _events = events;
        _options = options.Value;
        _roles = clientOptions.Value.EffectiveRoles;
        _time = timeProvider;
        _logger = logger;
        _pipeline = PlacementPipeline.Default();
        _queue = new SchedulingQueue(_options.InitialBackoff, _options.MaxBackoff);
        _acknowledgements = new AcknowledgementSender(mesos, AcknowledgementSenders, (call, ex) => LogCallFailed(call.Type.ToString(), ex.Message));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = _time.CreateTimer(
            _ => _inbox.Post(new Housekeeping()), null, _options.HousekeepingInterval, _options.HousekeepingInterval);
        using var stopAcknowledging = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var acknowledging = _acknowledgements.RunAsync(stopAcknowledging.Token);
        try
        {
            await RunLoopAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _lingerTimer?.Dispose();
            await stopAcknowledging.CancelAsync().ConfigureAwait(false);
            await acknowledging.ConfigureAwait(false);
        }
    }

    private async Task RunLoopAsync(CancellationToken stoppingToken)
    {
        while (await _inbox.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            var placementNeeded = false;
            var handled = 0;
            while (handled++ < MaxMessagesPerPass && _inbox.Reader.TryRead(out var message))
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

            try
            {
                await FlushPodWritesAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHandlerFailed(ex, "pod writes");
            }

            _counters.Observe(_queue.Count, _offers.Count);
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
                WithdrawOffers();
                _feed.Publish(new SchedulerStatusChanged(new SchedulerStatusView(false, _master, _frameworkId?.Value, m.Reason)));
                return false;
            case MasterEvent { Event: var e }:
                return await OnMesosEventAsync(e, ct).ConfigureAwait(false);
            case PodsListed m:
                return await OnPodsListedAsync(m.Pods, ct).ConfigureAwait(false);
            case PodObserved m:
                return await OnPodObservedAsync(m.Pod, ct).ConfigureAwait(false);
            case PodGone m:
                await OnPodGoneAsync(m.Key, ct).ConfigureAwait(false);
                return true;
            case Housekeeping:
                return await HousekeepAsync(ct).ConfigureAwait(false);
            case PlacementDue:
                _lingering = false;
                return true;
            case Insight.InsightQuery q:
                Answer(q);
                return false;
            default:
                return false;
        }
    }

    private async Task<bool> OnSubscribedAsync(FrameworkID frameworkId, Uri master, CancellationToken ct)
    {
        _frameworkId = frameworkId;
        _connected = true;
        _suppressedRoles.Clear();
        _refusedRoles.Clear();
        _master = master.ToString();

        // Offers of an earlier stream are void after a resubscription (the master drops them without RESCIND).
        WithdrawOffers();
        _feed.Publish(new SchedulerStatusChanged(new SchedulerStatusView(true, _master, frameworkId.Value, null)));

        if (_listed)
        {
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

            AddUnconfirmed(explicitTasks);
            await ReconcileAsync(explicitTasks, ct).ConfigureAwait(false);
        }

        _queue.WakeAll();
        return true;
    }

    /// <summary>
    /// Explicitly the tasks we believe alive (a task the master does not know comes back lost or gone), then implicitly,
    /// to hear of tasks the master runs for us that we do not know (they are killed).
    /// </summary>
    private async Task ReconcileAsync(Call.Types.Reconcile explicitTasks, CancellationToken ct)
    {
        if (explicitTasks.Tasks.Count > 0
            && await TrySendAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = explicitTasks }, ct).ConfigureAwait(false))
        {
            _counters.Reconciliation("explicit");
        }

        if (await TrySendAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile() }, ct).ConfigureAwait(false))
        {
            _counters.Reconciliation("implicit");
        }
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

                _queue.WakeAll();
                return true;
            case Event.Types.Type.Rescind when e.Rescind?.OfferId is { } offerId:
                if (RemoveOffer(offerId.Value, OfferRemovalReason.Rescinded) is null)
                {
                    _counters.IgnoredEvent();
                }

                return false;
            case Event.Types.Type.Update when e.Update?.Status?.TaskId is not null:
                return await OnStatusUpdateAsync(e.Update.Status, ct).ConfigureAwait(false);
            case Event.Types.Type.Failure when e.Failure is { AgentId: { } agentId, ExecutorId: null }:
                await OnAgentLostAsync(agentId.Value, ct).ConfigureAwait(false);
                return true;
            case Event.Types.Type.Failure:
                // An executor exited: its tasks report their own terminal updates.
                return false;
            case Event.Types.Type.Error:
                _feed.Publish(new SchedulerStatusChanged(new SchedulerStatusView(_connected, _master, _frameworkId?.Value, e.Error?.Message)));
                return false;
            default:
                // Unknown types and events without the sub-message their type promises: counted, never applied.
                _counters.IgnoredEvent();
                LogIgnoredEvent(e.Type.ToString());
                return false;
        }
    }

    /// <summary>A new pod: place it now, or after <see cref="SchedulerOptions.PlacementLinger"/> with the pods that follow it.</summary>
    private bool PlaceAfterLinger()
    {
        if (_options.PlacementLinger <= TimeSpan.Zero)
        {
            return true;
        }

        if (!_lingering)
        {
            _lingering = true;
            _lingerTimer ??= _time.CreateTimer(_ => _inbox.Post(new PlacementDue()), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _lingerTimer.Change(_options.PlacementLinger, Timeout.InfiniteTimeSpan);
        }

        return false;
    }

    /// <summary>Records an Event about the pod in the background: Events are informational and must not hold up the loop.</summary>
    private void Record(string podKey, string type, string reason, string message)
    {
        if (_pods.TryGetValue(podKey, out var pod))
        {
            _events.Post(pod, type, reason, message, Component);
        }
    }

    private async Task<bool> TrySendAsync(Call call, CancellationToken ct)
    {
        try
        {
            await _mesos.SendAsync(call, ct).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored Mesos event {Type}: unknown, or missing what its type promises")]
    private partial void LogIgnoredEvent(string type);

    // Debug: at thousands of placements a second the log would cost more than the placing; Events record each one.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Placed pod {Pod} on {Host} ({Strategy})")]
    private partial void LogPlaced(string pod, string host, PlacementStrategy strategy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ACCEPT on agent {AgentId} for {Count} pods failed; they go back to the queue")]
    private partial void LogLaunchFailed(Exception ex, string agentId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Killing task {TaskId} ({State}): the master runs it but no pod owns it")]
    private partial void LogKillingUnknownTask(string taskId, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mesos call {Type} failed: {Error}")]
    private partial void LogCallFailed(string type, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stale or duplicate update for task {TaskId}: {Previous} -> {State} ignored")]
    private partial void LogStaleUpdate(string taskId, string previous, string state);
}
