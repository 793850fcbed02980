using System.Collections.Concurrent;
using k8s.Models;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Controllers;

/// <summary>
/// Keeps every replication controller's pods as <see cref="ReplicationDecider"/> says, level-triggered: informers on
/// controllers and pods only say which controller to look at; each reconcile reads the store's current state, so the
/// manager can stop at any moment and a restart computes the same answer. One worker, so one controller is never
/// reconciled twice at once. Runs as a hosted service.
/// </summary>
public sealed partial class ReplicationManager : BackgroundService
{
    public const string Component = "replication-controller";

    private readonly IObjectStore _store;
    private readonly KubernetesEventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ControllerOptions _options;
    private readonly ILogger<ReplicationManager> _logger;
    private readonly WorkQueue _queue;
    private readonly StoreInformer<V1ReplicationController> _controllers;
    private readonly SharedStoreInformer<V1Pod> _pods;

    // The last state of deleted controllers, until their pods were deleted or released: the store no longer has it.
    private readonly ConcurrentDictionary<string, V1ReplicationController> _deleted = new(StringComparer.Ordinal);

    public ReplicationManager(IObjectStore store, SharedStoreInformer<V1Pod> pods, KubernetesEventRecorder events, TimeProvider timeProvider, IOptions<ControllerOptions> options, ILogger<ReplicationManager> logger)
    {
        _store = store;
        _events = events;
        _time = timeProvider;
        _options = options.Value;
        _logger = logger;
        _queue = new WorkQueue(timeProvider);
        _controllers = new StoreInformer<V1ReplicationController>(store, timeProvider, logger);
        // Pods are only looked at for their namespace, labels and owner (old and new); reconciles read the store.
        _pods = pods;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var informers = Task.WhenAll(
            _controllers.RunAsync(OnControllerChanged, stoppingToken),
            _pods.RunAsync(OnPodChanged, stoppingToken));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var key = await _queue.TakeAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await ReconcileAsync(key, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReconcileFailed(ex, key);
                    _queue.AddAfter(key, _options.RetryDelay, stoppingToken);
                }
            }
        }
        finally
        {
            await informers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void OnControllerChanged(V1ReplicationController? old, V1ReplicationController? current)
    {
        if (current is null && old is not null)
        {
            _deleted[StoreInformer<V1ReplicationController>.KeyOf(old)] = old;
        }

        _queue.Add(StoreInformer<V1ReplicationController>.KeyOf((current ?? old)!));
    }

    private void OnPodChanged(V1Pod? old, V1Pod? current)
    {
        var pod = (current ?? old)!;
        var ns = pod.Metadata.NamespaceProperty;
        // The owner (it may have to release or replace the pod) and any controller whose selector matches (it may adopt).
        var ownerUid = PodStates.ControllerOf(pod)?.Uid ?? (old is null ? null : PodStates.ControllerOf(old)?.Uid);
        foreach (var rc in _controllers.Items)
        {
            if (rc.Metadata.NamespaceProperty == ns
                && (rc.Metadata.Uid == ownerUid || ReplicationDecider.SelectorOf(rc)?.Matches(pod.Metadata) == true))
            {
                _queue.Add(StoreInformer<V1ReplicationController>.KeyOf(rc));
            }
        }

        if (ownerUid is not null)
        {
            foreach (var (key, rc) in _deleted)
            {
                if (rc.Metadata.Uid == ownerUid)
                {
                    _queue.Add(key);
                }
            }
        }
    }

    private async Task ReconcileAsync(string key, CancellationToken ct)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var ns = key[..slash];
        var name = key[(slash + 1)..];
        var pods = (await _store.ListAsync<V1Pod>(new StoreListOptions(Namespace: ns), ct).ConfigureAwait(false)).Items;
        if (_deleted.TryGetValue(key, out var gone))
        {
            await CleanUpAfterAsync(gone, pods, ct).ConfigureAwait(false);
            _deleted.TryRemove(new KeyValuePair<string, V1ReplicationController>(key, gone));
        }

        var rc = await _store.GetAsync<V1ReplicationController>(ns, name, ct).ConfigureAwait(false);
        if (rc is null || rc.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        var plan = ReplicationDecider.Decide(rc, pods, _time.GetUtcNow().UtcDateTime, _options.BurstReplicas);
        foreach (var pod in plan.Adopt)
        {
            await SetOwnerAsync(pod, rc, ct).ConfigureAwait(false);
        }

        foreach (var pod in plan.Release)
        {
            await SetOwnerAsync(pod, null, ct).ConfigureAwait(false);
        }

        for (var i = 0; i < plan.CreateCount; i++)
        {
            var created = await _store.CreateAsync(ReplicationDecider.NewPod(rc), ct).ConfigureAwait(false);
            await _events.RecordAsync(rc, KubernetesEventRecorder.Normal, "SuccessfulCreate", $"Created pod: {created.Metadata.Name}", Component, ct).ConfigureAwait(false);
        }

        foreach (var pod in plan.Delete)
        {
            await DeletePodAsync(rc, pod, ct).ConfigureAwait(false);
        }

        await WriteStatusAsync(rc, plan.Status, ct).ConfigureAwait(false);
    }

    /// <summary>Cascades a controller's deletion to its pods, or lets them go when asked to orphan them.</summary>
    private async Task CleanUpAfterAsync(V1ReplicationController rc, IEnumerable<V1Pod> pods, CancellationToken ct)
    {
        var orphan = rc.Metadata.Annotations?.TryGetValue(DeletionHints.PropagationPolicyAnnotation, out var policy) == true && policy == DeletionHints.Orphan;
        foreach (var pod in pods.Where(p => PodStates.ControllerOf(p)?.Uid == rc.Metadata.Uid))
        {
            if (orphan)
            {
                await SetOwnerAsync(pod, null, ct).ConfigureAwait(false);
            }
            else if (!PodStates.IsTerminating(pod))
            {
                await DeletePodAsync(rc, pod, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task DeletePodAsync(V1ReplicationController rc, V1Pod pod, CancellationToken ct)
    {
        if (await PodDeletion.DeleteAsync(_store, pod.Metadata.NamespaceProperty, pod.Metadata.Name, null, ct).ConfigureAwait(false) is not null)
        {
            await _events.RecordAsync(rc, KubernetesEventRecorder.Normal, "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}", Component, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Adopts (<paramref name="owner"/> set) or releases a pod; retried on conflict from a fresh read.</summary>
    private async Task SetOwnerAsync(V1Pod pod, V1ReplicationController? owner, CancellationToken ct)
    {
        try
        {
            await ConflictRetry.RunAsync(async attempt =>
            {
                var current = attempt == 1 ? pod : await _store.GetAsync<V1Pod>(pod.Metadata.NamespaceProperty, pod.Metadata.Name, ct).ConfigureAwait(false);
                if (current is null || !PodOwnership.TrySetController(current, owner))
                {
                    return; // gone, or claimed by someone else meanwhile
                }

                await _store.UpdateAsync(current, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (StoreNotFoundException)
        {
            // Gone: nothing to own.
        }
    }

    /// <summary>Writes the status when it changed, on the newest version of the controller (optimistic concurrency).</summary>
    private async Task WriteStatusAsync(V1ReplicationController rc, V1ReplicationControllerStatus status, CancellationToken ct)
    {
        try
        {
            await ConflictRetry.RunAsync(async attempt =>
            {
                var current = attempt == 1 ? rc : await _store.GetAsync<V1ReplicationController>(rc.Metadata.NamespaceProperty, rc.Metadata.Name, ct).ConfigureAwait(false);
                // A newer spec means a newer reconcile is queued; it will write its own status.
                if (current is null || current.Metadata.Uid != rc.Metadata.Uid || current.Metadata.Generation != rc.Metadata.Generation
                    || SameStatus(current.Status, status))
                {
                    return;
                }

                current.Status = status;
                await _store.UpdateAsync(current, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (StoreNotFoundException)
        {
            // Deleted meanwhile.
        }
    }

    private static bool SameStatus(V1ReplicationControllerStatus? a, V1ReplicationControllerStatus b) =>
        a is not null && a.Replicas == b.Replicas && a.ReadyReplicas == b.ReadyReplicas && a.AvailableReplicas == b.AvailableReplicas
        && a.FullyLabeledReplicas == b.FullyLabeledReplicas && a.ObservedGeneration == b.ObservedGeneration;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling replication controller {Key} failed; retrying")]
    private partial void LogReconcileFailed(Exception ex, string key);
}
