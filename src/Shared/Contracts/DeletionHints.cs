namespace KubeMesos.Shared.Contracts;

/// <summary>What a delete tells the controllers through the deleted object's last state.</summary>
public static class DeletionHints
{
    /// <summary>
    /// Set on a replication controller just before it is deleted, to the request's propagation policy
    /// (<c>Orphan</c>: leave its pods; <c>Background</c>/<c>Foreground</c>: delete them).
    /// </summary>
    public const string PropagationPolicyAnnotation = "kubemesos.io/propagation-policy";

    /// <summary>The propagation policy that leaves dependents in place.</summary>
    public const string Orphan = "Orphan";
}
