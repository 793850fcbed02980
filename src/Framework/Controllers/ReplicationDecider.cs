using k8s.Models;
using KubeMesos.Shared.Contracts;
using KubeMesos.Shared.Labels;

namespace KubeMesos.Framework.Controllers;

/// <summary>
/// The replication controller's decisions as a pure function of the controller and the pods in its namespace, as
/// kube-controller-manager's ReplicationManager makes them: claim (adopt matching orphans, release owned pods that no
/// longer match), count the active claimed pods, create or delete the difference, and replace finished ones.
/// </summary>
public static class ReplicationDecider
{
    public const string OwnerKind = "ReplicationController";

    /// <param name="burst">at most this many creates or deletes in one reconcile (Kubernetes' burstReplicas).</param>
    public static ReplicationPlan Decide(V1ReplicationController rc, IEnumerable<V1Pod> pods, DateTime now, int burst = 500)
    {
        ArgumentNullException.ThrowIfNull(rc);
        ArgumentNullException.ThrowIfNull(pods);
        var uid = rc.Metadata.Uid;
        var selector = SelectorOf(rc);
        var claimed = new List<V1Pod>();
        var adopt = new List<V1Pod>();
        var release = new List<V1Pod>();
        foreach (var pod in pods)
        {
            if (pod.Metadata.NamespaceProperty != rc.Metadata.NamespaceProperty)
            {
                continue;
            }

            var owner = PodStates.ControllerOf(pod);
            var matches = selector is not null && selector.Matches(pod.Metadata);
            if (owner is not null && owner.Uid != uid)
            {
                continue; // another controller's pod
            }

            if (owner is not null)
            {
                if (matches)
                {
                    claimed.Add(pod);
                }
                else if (!PodStates.IsTerminating(pod))
                {
                    release.Add(pod);
                }
            }
            else if (matches && PodStates.IsActive(pod))
            {
                // Only live orphans: taking a finished one would only be to delete a pod someone else left behind.
                adopt.Add(pod);
                claimed.Add(pod);
            }
        }

        var active = claimed.Where(PodStates.IsActive).ToList();
        var replicas = Math.Max(0, rc.Spec?.Replicas ?? 1);
        var diff = active.Count - replicas;
        var delete = new List<V1Pod>();
        var create = 0;
        if (diff < 0)
        {
            create = Math.Min(-diff, burst);
        }
        else if (diff > 0)
        {
            delete.AddRange(active.OrderBy(DeletionRank).ThenByDescending(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).Take(Math.Min(diff, burst)));
        }

        // A finished pod never runs again (restartPolicy Always has no meaning on Mesos tasks): it is gone, and its
        // replacement is already counted above; the object only goes so the cluster does not fill with them.
        delete.AddRange(claimed.Where(p => PodStates.IsFinished(p) && !PodStates.IsTerminating(p)));

        var templateLabels = rc.Spec?.Template?.Metadata?.Labels;
        var minReady = TimeSpan.FromSeconds(rc.Spec?.MinReadySeconds ?? 0);
        var status = new V1ReplicationControllerStatus
        {
            Replicas = active.Count,
            FullyLabeledReplicas = active.Count(p => templateLabels is null || templateLabels.All(l => p.Metadata.Labels?.TryGetValue(l.Key, out var v) == true && v == l.Value)),
            ReadyReplicas = active.Count(PodStates.IsReady),
            AvailableReplicas = active.Count(p => PodStates.IsReady(p) && (minReady == TimeSpan.Zero || PodStates.ReadySince(p) is { } since && since + minReady <= now)),
            ObservedGeneration = rc.Metadata.Generation,
            Conditions = rc.Status?.Conditions,
        };
        return new ReplicationPlan(create, delete, adopt, release, status);
    }

    /// <summary>The selector (defaulting to the template's labels, as the API does); null when it would select everything.</summary>
    public static LabelSelector? SelectorOf(V1ReplicationController rc)
    {
        var map = rc.Spec?.Selector is { Count: > 0 } s ? s : rc.Spec?.Template?.Metadata?.Labels;
        return map is { Count: > 0 } ? LabelSelector.FromMatchLabels(map) : null;
    }

    /// <summary>A new pod for <paramref name="rc"/> from its template, owned by it; the store completes the name.</summary>
    public static V1Pod NewPod(V1ReplicationController rc)
    {
        ArgumentNullException.ThrowIfNull(rc);
        var template = k8s.KubernetesJson.Deserialize<V1PodTemplateSpec>(k8s.KubernetesJson.Serialize(rc.Spec.Template));
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                GenerateName = rc.Metadata.Name + "-",
                NamespaceProperty = rc.Metadata.NamespaceProperty,
                Labels = template.Metadata?.Labels,
                Annotations = template.Metadata?.Annotations,
                OwnerReferences = [OwnerReference(rc)],
            },
            Spec = template.Spec,
        };
    }

    public static V1OwnerReference OwnerReference(V1ReplicationController rc) => new()
    {
        ApiVersion = "v1",
        Kind = OwnerKind,
        Name = rc.Metadata.Name,
        Uid = rc.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    // Kubernetes' ActivePods ordering, what is cheapest to lose first: unscheduled, then pending, unknown, running;
    // not ready before ready.
    private static int DeletionRank(V1Pod pod)
    {
        if (string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            return 0;
        }

        var phaseRank = pod.Status?.Phase switch
        {
            PodPhases.Pending => 1,
            PodPhases.Unknown => 2,
            _ => 3,
        };
        return phaseRank * 2 + (PodStates.IsReady(pod) ? 1 : 0);
    }
}
