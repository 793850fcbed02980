using k8s.Models;

namespace KubeMesos.Dashboard.Model;

/// <summary>How parts of a pod's spec read on its page.</summary>
public static class PodText
{
    /// <summary><c>cpu=500m, memory=256Mi</c>, by name; "—" when none.</summary>
    public static string Quantities(IDictionary<string, ResourceQuantity>? quantities) =>
        quantities is { Count: > 0 } ? string.Join(", ", quantities.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}")) : "—";
}
