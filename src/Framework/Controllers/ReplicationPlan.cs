using k8s.Models;

namespace KubeMesos.Framework.Controllers;

/// <summary>
/// What one reconcile of a replication controller should do, decided from the controller and the pods of its
/// namespace alone (<see cref="ReplicationDecider"/>). Immutable.
/// </summary>
/// <param name="CreateCount">new pods to make from the template.</param>
/// <param name="Delete">pods to delete gracefully: surplus ones in the order to delete, then finished ones.</param>
/// <param name="Adopt">matching orphans to take ownership of.</param>
/// <param name="Release">owned pods no longer matching the selector, to let go.</param>
/// <param name="Status">the status to report (before the actions take effect, as Kubernetes does).</param>
public sealed record ReplicationPlan(
    int CreateCount,
    IReadOnlyList<V1Pod> Delete,
    IReadOnlyList<V1Pod> Adopt,
    IReadOnlyList<V1Pod> Release,
    V1ReplicationControllerStatus Status);
