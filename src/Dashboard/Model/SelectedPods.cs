using KubeMesos.Shared.Contracts;
using KubeMesos.Shared.Labels;

namespace KubeMesos.Dashboard.Model;

/// <summary>The pods a service's or replication controller's equality selector picks in its namespace.</summary>
public static class SelectedPods
{
    /// <summary>Newest first (the Pods page's order); none for an empty selector (it selects nothing, as a service's does).</summary>
    public static IReadOnlyList<PodView> In(ClusterSnapshot snapshot, string @namespace, IReadOnlyDictionary<string, string> selector)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(selector);
        if (selector.Count == 0)
        {
            return [];
        }

        var match = LabelSelector.FromMatchLabels(selector.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        return [.. PodIndex.Of(snapshot).NewestFirst.Where(p => p.Namespace == @namespace && match.Matches(p.Labels))];
    }
}
