using k8s.Models;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Controllers;

/// <summary>How the controllers read a pod's state, as Kubernetes' controller utilities do.</summary>
public static class PodStates
{
    /// <summary>Finished for good: Failed (a lost agent included) or Succeeded.</summary>
    public static bool IsFinished(V1Pod pod) => pod.Status?.Phase is PodPhases.Failed or PodPhases.Succeeded;

    public static bool IsTerminating(V1Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    /// <summary>Counts towards a controller's replicas: neither being deleted nor finished.</summary>
    public static bool IsActive(V1Pod pod) => !IsTerminating(pod) && !IsFinished(pod);

    /// <summary>The Ready condition is True.</summary>
    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static DateTime? ReadySince(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready" && c.Status == "True")?.LastTransitionTime;

    /// <summary>The controller owner reference (at most one per object), or null.</summary>
    public static V1OwnerReference? ControllerOf(V1Pod pod) =>
        pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
}
