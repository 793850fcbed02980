namespace KubeMesos.Shared.Contracts;

/// <summary>
/// What the dashboard shows of a replication controller: desired (<c>spec.replicas</c>), current and ready
/// (<c>status</c>), the selector it counts pods by and the labels its template gives new pods.
/// </summary>
public sealed record ReplicationControllerView(
    string Namespace,
    string Name,
    string Uid,
    int Desired,
    int Current,
    int Ready,
    IReadOnlyDictionary<string, string> Selector,
    IReadOnlyDictionary<string, string> TemplateLabels,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset CreatedAt)
{
    public string Key => $"{Namespace}/{Name}";

    public bool IsHealthy => Ready >= Desired;

    /// <summary>Whether the controller still has pods to create, delete or wait for.</summary>
    public bool IsConverging => Current != Desired || Ready < Desired;
}
