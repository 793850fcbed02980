using k8s.Models;

namespace KubeMesos.Framework.Controllers;

/// <summary>
/// How a replication controller takes or lets go of a pod, as a pure change of the pod's owner references (Kubernetes'
/// ControllerRefManager): a pod has at most one controller; adopting never takes a pod another controller already
/// claims; other (non-controller) owner references are kept. <see cref="ReplicationManager"/> writes what this decides,
/// and the dashboard's impact preview simulates it, so both follow one rule.
/// </summary>
public static class PodOwnership
{
    /// <summary>
    /// Makes <paramref name="owner"/> the controller of <paramref name="pod"/> (null: releases it), on the pod's metadata.
    /// </summary>
    /// <returns>False, and the pod unchanged, when adopting a pod that already has a controller.</returns>
    public static bool TrySetController(V1Pod pod, V1ReplicationController? owner)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var others = (pod.Metadata.OwnerReferences ?? []).Where(o => o.Controller != true).ToList();
        if (owner is not null)
        {
            if (PodStates.ControllerOf(pod) is not null)
            {
                return false; // claimed by someone else meanwhile
            }

            others.Add(ReplicationDecider.OwnerReference(owner));
        }

        pod.Metadata.OwnerReferences = others.Count == 0 ? null : others;
        return true;
    }
}
