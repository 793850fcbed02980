using KubeMesos.Framework.Events;
using k8s.Models;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// The scheduler's view of pods: a cache fed by the store's watch (<see cref="PodWatcher"/>), and writes back to the
/// store with optimistic concurrency, so an API client changing labels meanwhile is never overwritten.
/// </summary>
public sealed partial class PodScheduler
{
    private const int WriteAttempts = 5;
    private readonly Dictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);
    private readonly RunningPodStubs _stubs = new();

    // Pods for another scheduler (spec.schedulerName): shown in the feed, never queued, bound, killed or deleted by us.
    private readonly HashSet<string> _othersPods = new(StringComparer.Ordinal);

    // The resource version a pod (by uid) was first seen at: its creation order within a one-second creationTimestamp.
    private readonly Dictionary<string, (string Uid, long Index)> _creationIndex = new(StringComparer.Ordinal);
    private bool _listed;

    private static string KeyOf(V1Pod pod) => $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";

    private static long VersionOf(V1Pod pod) => long.TryParse(pod.Metadata.ResourceVersion, out var v) ? v : 0;

    /// <summary>The first list after start: adopt pods that were launched before a restart, then reconcile them.</summary>
    private async Task<bool> OnPodsListedAsync(IReadOnlyList<V1Pod> pods, CancellationToken ct)
    {
        var listed = pods.Select(KeyOf).ToHashSet(StringComparer.Ordinal);
        foreach (var key in _pods.Keys.Concat(_othersPods).Where(k => !listed.Contains(k)).ToList())
        {
            await OnPodGoneAsync(key, ct).ConfigureAwait(false);
        }

        foreach (var pod in pods.Where(p => !IsOurs(p)))
        {
            await OnPodObservedAsync(pod, ct).ConfigureAwait(false);
        }

        pods = pods.Where(IsOurs).ToList();

        var recovered = new Call.Types.Reconcile();
        foreach (var pod in pods)
        {
            if (!_listed && Recover(pod) is { } tasks)
            {
                foreach (var taskId in tasks.States.Keys)
                {
                    recovered.Tasks.Add(new Call.Types.Reconcile.Types.Task { TaskId = new TaskID { Value = taskId }, AgentId = new AgentID { Value = tasks.AgentId } });
                }
            }

            await OnPodObservedAsync(pod, ct).ConfigureAwait(false);
        }

        var first = !_listed;
        if (first)
        {
            HoldUnconfirmed(pods.Where(p => string.IsNullOrEmpty(p.Spec?.NodeName) && p.Metadata.DeletionTimestamp is null
                                            && p.Status?.Phase is null or PodPhases.Pending && !_launched.ContainsKey(KeyOf(p)))
                .Select(p => new PodTasksKey(KeyOf(p), [.. p.Spec.Containers.Select(c => PodTaskIds.Task(p, c.Name))])), recovered);
        }

        _listed = true;
        if (first && _connected)
        {
            // Subscribed before the store was read: reconcile now that we know our tasks.
            await ReconcileAsync(recovered, ct).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>A pod bound to an agent by an earlier run of the scheduler: track its tasks again.</summary>
    private PodTasks? Recover(V1Pod pod)
    {
        var key = KeyOf(pod);
        if (_launched.ContainsKey(key) || pod.Spec?.NodeName is not { Length: > 0 } node
            || pod.Metadata.Annotations?.TryGetValue(PodViews.AgentIdAnnotation, out var agentId) != true
            || pod.Status?.Phase is PodPhases.Succeeded or PodPhases.Failed)
        {
            return null;
        }

        var requirements = Pipeline.PodRequirements.From(pod, _options, key);
        var tasks = new PodTasks(key, agentId!, requirements.WithExecutor, requirements.OwnerUid) { HostPorts = requirements.HostPorts.Count };
        var state = pod.Status?.Phase == PodPhases.Running ? TaskState.TaskRunning : TaskState.TaskStaging;
        foreach (var container in pod.Spec.Containers)
        {
            var taskId = PodTaskIds.Task(pod, container.Name);
            tasks.States[taskId] = state;
            _taskToPod[taskId] = key;
        }

        _launched[key] = tasks;
        _agentBook.Launched(tasks.AgentId, node, key, tasks.Charged);
        if (!_agents.TryGetValue(tasks.AgentId, out var agent))
        {
            agent = new AgentState(tasks.AgentId, node, new Dictionary<string, string>());
            _agents[tasks.AgentId] = agent;
        }

        agent.AddPod(key, tasks.OwnerUid, tasks.Charged, tasks.HostPorts);
        agent.ObserveCapacity();
        _feed.Publish(new AgentUpdated(agent.ToView()));
        return tasks;
    }

    /// <summary>A pod was added or changed in the store (by anyone, us included).</summary>
    private async Task<bool> OnPodObservedAsync(V1Pod pod, CancellationToken ct)
    {
        var key = KeyOf(pod);
        if (!IsOurs(pod))
        {
            _othersPods.Add(key);
            PublishPod(key, pod);
            return false;
        }

        if (_pods.TryGetValue(key, out var cached) && cached.Metadata.Uid == pod.Metadata.Uid && VersionOf(pod) < VersionOf(cached))
        {
            return false;
        }

        Cache(key, pod);
        PublishPod(key, pod);
        _launched.TryGetValue(key, out var tasks);
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            using var scope = SchedulerLogScopes.Pod(_logger, key);
            if (tasks is null || tasks.AllTerminal)
            {
                await DeletePodAsync(key, ct).ConfigureAwait(false);
            }
            else if (tasks.DeletionRequestedAt is null)
            {
                tasks.DeletionRequestedAt = _time.GetUtcNow();
                Record(key, KubernetesEventRecorder.Normal, "Killing", $"Stopping {pod.Spec.Containers.Count} container(s) of {key}");
                await KillTasksAsync(tasks, ct).ConfigureAwait(false);
            }

            return false;
        }

        if (WaitsUnqueued(key, pod, tasks))
        {
            MarkQueued(key);
            _queue.Add(key);
            await ReviveForNewPodAsync(key, ct).ConfigureAwait(false);
            return PlaceAfterLinger();
        }

        return false;
    }

    /// <summary>
    /// Whether observing <paramref name="pod"/> (our own write, cached already) would do nothing but publish its view:
    /// the branches of <see cref="OnPodObservedAsync"/> that act are a deletion and a waiting pod not yet queued.
    /// </summary>
    private bool EchoChangesNothing(string key, V1Pod pod) =>
        IsOurs(pod) && pod.Metadata.DeletionTimestamp is null && !WaitsUnqueued(key, pod, _launched.GetValueOrDefault(key));

    private bool WaitsUnqueued(string key, V1Pod pod, PodTasks? tasks) =>
        tasks is null && string.IsNullOrEmpty(pod.Spec?.NodeName) && pod.Status?.Phase is null or PodPhases.Pending && !_queue.Contains(key);

    /// <summary>Caches the newest pod: a running pod of ours as a stub (<see cref="RunningPodStubs"/>), any other whole.</summary>
    private void Cache(string key, V1Pod pod) =>
        _pods[key] = RunningPodStubs.Fits(pod) && _launched.ContainsKey(key) ? _stubs.Of(pod) : pod;

    private void PublishPod(string key, V1Pod pod) => _feed.Publish(new PodUpdated(PodViews.From(pod, _options, CreationIndexOf(key, pod))));

    /// <summary>A pod left the store: whatever still runs for it is killed.</summary>
    private async Task OnPodGoneAsync(string key, CancellationToken ct)
    {
        using var scope = SchedulerLogScopes.Pod(_logger, key);
        if (_othersPods.Remove(key))
        {
            _creationIndex.Remove(key);
            var (ns, name) = Split(key);
            _feed.Publish(new PodRemoved(ns, name));
            return;
        }

        Dequeue(key);
        _pendingReasons.Remove(key);
        _explanations.Forget(key);
        if (_launched.TryGetValue(key, out var tasks))
        {
            if (!tasks.AllTerminal)
            {
                await KillTasksAsync(tasks, ct).ConfigureAwait(false);
            }

            ForgetTasks(tasks);
        }

        _creationIndex.Remove(key);
        if (_pods.Remove(key, out var pod))
        {
            _feed.Publish(new PodRemoved(pod.Metadata.NamespaceProperty, pod.Metadata.Name));
        }
    }

    /// <summary>Whether the pod is this scheduler's: its <c>spec.schedulerName</c> is <c>Kubernetes:SchedulerName</c>, or empty.</summary>
    private bool IsOurs(V1Pod pod) => string.IsNullOrEmpty(pod.Spec?.SchedulerName) || pod.Spec.SchedulerName == _schedulerName;

    private long CreationIndexOf(string key, V1Pod pod)
    {
        var uid = pod.Metadata.Uid ?? "";
        if (_creationIndex.TryGetValue(key, out var known) && known.Uid == uid)
        {
            return known.Index;
        }

        var index = VersionOf(pod);
        _creationIndex[key] = (uid, index);
        return index;
    }

    private async Task DeletePodAsync(string key, CancellationToken ct)
    {
        var (ns, name) = Split(key);
        try
        {
            await _store.DeleteAsync<V1Pod>(ns, name, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (StoreNotFoundException)
        {
            // Already gone: the watch tells the rest.
        }
    }

    private async Task KillTasksAsync(PodTasks tasks, CancellationToken ct)
    {
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

    private static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }
}
