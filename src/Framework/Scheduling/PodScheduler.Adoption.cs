using KubeMesos.Framework.Events;
using KubeMesos.Framework.Pods;
using KubeMesos.Shared.Contracts;
using Mesos.V1;
using Mesos.V1.Scheduler;
using TaskStatus = Mesos.V1.TaskStatus;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// Adoption of tasks launched by an earlier run of the scheduler whose pods' bindings were never stored: the ACCEPT
/// reached the master, then the process died before the pod's write. Such a pod is listed unbound, so at the first
/// listing its task ids are reconciled explicitly and it is held back from placement until the master answers: a task
/// it runs is adopted (the pod is bound to its agent), an unknown one releases the pod to be placed. Launching it
/// again instead would run the pod twice, or fail it on the duplicate task id.
/// </summary>
public sealed partial class PodScheduler
{
    // A master that never answers (a lost call) must not hold pods back for ever.
    private static readonly TimeSpan s_unconfirmedTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Task id → pod key of listed unbound pods whose tasks the master may already run.</summary>
    private readonly Dictionary<string, string> _unconfirmed = new(StringComparer.Ordinal);
    private DateTimeOffset _unconfirmedSince;

    /// <summary>At the first listing: the unbound pending pods' tasks, to reconcile explicitly (without an agent id).</summary>
    private void HoldUnconfirmed(IEnumerable<PodTasksKey> pods, Call.Types.Reconcile reconcile)
    {
        foreach (var (key, taskIds) in pods)
        {
            foreach (var taskId in taskIds)
            {
                _unconfirmed[taskId] = key;
                reconcile.Tasks.Add(new Call.Types.Reconcile.Types.Task { TaskId = new TaskID { Value = taskId } });
            }
        }

        _unconfirmedSince = _time.GetUtcNow();
    }

    /// <summary>The explicit reconciliation entries of the pods still held back (sent again on every resubscription).</summary>
    private void AddUnconfirmed(Call.Types.Reconcile reconcile)
    {
        foreach (var taskId in _unconfirmed.Keys)
        {
            reconcile.Tasks.Add(new Call.Types.Reconcile.Types.Task { TaskId = new TaskID { Value = taskId } });
        }
    }

    private bool IsUnconfirmed(string podKey) => _unconfirmed.Count > 0 && _unconfirmed.ContainsValue(podKey);

    /// <summary>
    /// An update for a task no pod has launched in this run: adopts it when its pod is held back (or unbound and
    /// pending) and the master runs it; true when the task now belongs to a pod, or when a held pod was released.
    /// </summary>
    private bool TryAdopt(TaskStatus status, out bool released)
    {
        released = false;
        var taskId = status.TaskId.Value;
        var held = _unconfirmed.Remove(taskId, out var key);
        if (!held)
        {
            key = FindUnlaunchedPod(taskId);
        }

        if (key is null || !_pods.TryGetValue(key, out var pod) || _launched.ContainsKey(key) || pod.Metadata.DeletionTimestamp is not null)
        {
            return false;
        }

        if (TaskStates.IsTerminal(status.State) || status.State == TaskState.TaskUnreachable || status.AgentId is null)
        {
            // The master does not run it: the pod is free to be placed (once all its tasks are answered).
            released = held && !_unconfirmed.ContainsValue(key);
            return false;
        }

        foreach (var other in _unconfirmed.Where(e => e.Value == key).Select(e => e.Key).ToList())
        {
            _unconfirmed.Remove(other);
        }

        Dequeue(key);
        _pendingReasons.Remove(key);
        var agentId = status.AgentId.Value;
        var requirements = Pipeline.PodRequirements.From(pod, _options);
        var tasks = new PodTasks(key, agentId, requirements.WithExecutor, requirements.OwnerUid);
        foreach (var container in pod.Spec.Containers)
        {
            var id = PodTaskIds.Task(pod, container.Name);
            tasks.States[id] = TaskState.TaskStaging;
            _taskToPod[id] = key;
        }

        _launched[key] = tasks;
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            // Not offered yet: its hostname comes with its first offer.
            agent = new AgentState(agentId, agentId, new Dictionary<string, string>());
            _agents[agentId] = agent;
        }

        agent.AddPod(key, tasks.OwnerUid, tasks.Charged);
        var hostname = agent.Hostname;
        QueuePodWrite(key, stored =>
        {
            stored.Spec.NodeName = hostname;
            stored.Metadata.Annotations ??= new Dictionary<string, string>();
            stored.Metadata.Annotations[PodViews.AgentIdAnnotation] = agentId;
        });
        Record(key, KubernetesEventRecorder.Normal, "Adopted",
            $"Task {taskId} of {key} runs on agent {hostname} ({TaskStates.Name(status.State)}): launched before a restart, adopted instead of launched again");
        _feed.Publish(new AgentUpdated(agent.ToView()));
        return true;
    }

    /// <summary>An unbound, pending pod whose uid the task id carries (a task of ours that no binding records).</summary>
    private string? FindUnlaunchedPod(string taskId)
    {
        if (PodTaskIds.PodUidOf(taskId) is not { } uid)
        {
            return null;
        }

        foreach (var (key, pod) in _pods)
        {
            if (pod.Metadata.Uid == uid && string.IsNullOrEmpty(pod.Spec?.NodeName) && pod.Status?.Phase is null or PodPhases.Pending)
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>Housekeeping: pods held back longer than the master takes to answer go to placement.</summary>
    private bool ReleaseStaleUnconfirmed(DateTimeOffset now)
    {
        if (_unconfirmed.Count == 0 || now - _unconfirmedSince < s_unconfirmedTimeout)
        {
            return false;
        }

        _unconfirmed.Clear();
        _queue.WakeAll();
        return true;
    }
}

/// <summary>A pod key and the task ids of its containers.</summary>
internal readonly record struct PodTasksKey(string Key, IReadOnlyList<string> TaskIds);
