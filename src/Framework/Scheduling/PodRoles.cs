using k8s.Models;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// Which of the framework's Mesos roles (<c>Mesos:Roles</c>) a pod may run under: the one its
/// <see cref="Annotation"/> names, or any of them. Offers come per role (<c>Offer.allocation_info.role</c>), and the
/// scheduler suppresses the roles no waiting pod can use and revives those a new pod needs, as Mesos expects of a
/// multi-role framework.
/// </summary>
public static class PodRoles
{
    public const string Annotation = "kubemesos.io/role";

    /// <summary>The role the pod asks for, or null when any of the framework's roles will do.</summary>
    public static string? Requested(V1Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(Annotation, out var role) == true && !string.IsNullOrWhiteSpace(role) ? role.Trim() : null;

    /// <summary>The framework roles whose offers the pod can use (empty when it asks for a role the framework lacks).</summary>
    public static IEnumerable<string> Usable(V1Pod pod, IReadOnlyList<string> frameworkRoles) =>
        Requested(pod) is { } role ? frameworkRoles.Where(r => r == role) : frameworkRoles;
}
