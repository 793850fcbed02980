namespace KubeMesos.Dashboard.Model;

/// <summary>
/// What a proposed label change will do, as <see cref="LabelImpactPreview"/> computed it from the stored objects: the
/// pods it rewrites, the services whose endpoints change and the replication controllers that act because of it.
/// Immutable.
/// </summary>
public sealed record LabelImpact(
    IReadOnlyList<PodLabelChange> Pods,
    IReadOnlyList<ServiceImpact> Services,
    IReadOnlyList<ReplicationImpact> ReplicationControllers,
    IReadOnlyList<string> Missing,
    DateTimeOffset ComputedAt)
{
    /// <summary>Pods the edits do not change (they already say so).</summary>
    public int Unchanged { get; init; }

    /// <summary>Nothing to write.</summary>
    public bool IsEmpty => Pods.Count == 0;

    /// <summary>True when no service or controller is affected: only the pods' labels change.</summary>
    public bool LabelsOnly => Services.Count == 0 && ReplicationControllers.Count == 0;
}

/// <summary>One pod's labels before and after the change.</summary>
public sealed record PodLabelChange(
    string Namespace,
    string Name,
    IReadOnlyDictionary<string, string> Before,
    IReadOnlyDictionary<string, string> After)
{
    public string Key => $"{Namespace}/{Name}";
}

/// <summary>
/// A service whose endpoints change. Only ready pods are endpoints (<see cref="KubeMesos.Framework.Controllers.EndpointsBuilder"/>).
/// </summary>
/// <param name="ReadyNow">ready endpoints before the change.</param>
/// <param name="ReadyAfterChange">ready endpoints as soon as the labels are written.</param>
/// <param name="ReadySettled">ready endpoints once the replication controllers have acted (their deletions gone).</param>
/// <param name="Gains">pods that become ready endpoints with the label change.</param>
/// <param name="Losses">pods that stop being endpoints with the label change.</param>
/// <param name="NotReadyMatches">pods that come to match but are not ready, so are not endpoints (yet).</param>
/// <param name="RemovedByControllers">endpoints that go when a controller deletes their pod because of the change.</param>
/// <param name="ReplacementsToJoin">new pods the controllers create that will match, and join once running and ready.</param>
public sealed record ServiceImpact(
    string Namespace,
    string Name,
    int ReadyNow,
    int ReadyAfterChange,
    int ReadySettled,
    IReadOnlyList<string> Gains,
    IReadOnlyList<string> Losses,
    IReadOnlyList<string> NotReadyMatches,
    IReadOnlyList<string> RemovedByControllers,
    int ReplacementsToJoin)
{
    public string Key => $"{Namespace}/{Name}";

    /// <summary>The change in ready endpoints as the labels are written, signed: "+2 endpoints", "−1 endpoint".</summary>
    public string DeltaText => Signed(ReadyAfterChange - ReadyNow, "endpoint");

    internal static string Signed(int delta, string noun)
    {
        var plural = Math.Abs(delta) == 1 ? noun : noun + "s";
        return delta switch
        {
            > 0 => $"+{delta} {plural}",
            < 0 => $"\u2212{-delta} {plural}",
            _ => $"\u00b10 {plural}",
        };
    }
}

/// <summary>A replication controller that adopts, releases, creates or deletes pods because of the change.</summary>
/// <param name="Desired">its replicas.</param>
/// <param name="Adopts">orphans it will take (they come to match its selector).</param>
/// <param name="Releases">its pods it will let go (they stop matching).</param>
/// <param name="Creates">replacements it will create from its template.</param>
/// <param name="Deletes">surplus pods it will delete, in its own order (cheapest to lose first).</param>
/// <param name="Contested">orphans another controller matches too: whichever reconciles first adopts them.</param>
public sealed record ReplicationImpact(
    string Namespace,
    string Name,
    int Desired,
    IReadOnlyList<string> Adopts,
    IReadOnlyList<string> Releases,
    int Creates,
    IReadOnlyList<string> Deletes,
    IReadOnlyList<ContestedPod> Contested)
{
    public string Key => $"{Namespace}/{Name}";
}

/// <summary>An orphan that more than one controller's selector matches after the change.</summary>
public sealed record ContestedPod(string Pod, IReadOnlyList<string> Controllers);
