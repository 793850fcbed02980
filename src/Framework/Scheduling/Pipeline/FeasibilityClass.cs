using System.Text;

namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>
/// What decides whether a pod can fit on an agent at all: the pod's inputs of every filter, each filter signing its
/// own part (<see cref="IPlacementFilter.Sign"/>; scorers only rank). Pods of one class fit the same agents, so once
/// one of them fit nowhere in a placement pass, the others of its class cannot either until the pass ends: agents only
/// fill up within a pass. That turns a pass over thousands of waiting look-alike pods into one decision per class.
/// </summary>
public static class FeasibilityClass
{
    public static string Of(IReadOnlyList<IPlacementFilter> filters, PodRequirements pod)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(pod);
        var key = new StringBuilder(64);
        for (var i = 0; i < filters.Count; i++)
        {
            // The name keeps one filter's part from reading as another's (and a reordered pipeline a new class).
            key.Append(filters[i].Name).Append('(');
            filters[i].Sign(pod, key);
            key.Append(')');
        }

        return key.ToString();
    }

    /// <summary>The class under the default pipeline's filters.</summary>
    public static string Of(PodRequirements pod) => Of(PlacementPipeline.Default().Filters, pod);
}
