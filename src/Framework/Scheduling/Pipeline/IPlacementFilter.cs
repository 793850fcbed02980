using System.Text;

namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>Says whether a pod can go onto an agent. Pure and cheap: it runs for every (pod, agent) pair of a pass.</summary>
public interface IPlacementFilter
{
    string Name { get; }

    PlacementStatus Filter(PodRequirements pod, AgentCandidate agent);

    /// <summary>
    /// Appends every input of the pod this filter reads (kube-scheduler's <c>SignPlugin</c>): two pods with the same
    /// signatures from every filter get the same verdicts on every agent, which is what <see cref="FeasibilityClass"/>
    /// groups by. A filter that gains an input signs it here, beside the code that reads it, so the class cannot go
    /// stale silently. Append in a canonical order (sorted). Signing more than the verdict reads only splits a class
    /// (harmless); signing less merges pods that fit differently (a bug).
    /// </summary>
    void Sign(PodRequirements pod, StringBuilder signature);
}
