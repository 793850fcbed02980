using k8s.Models;
using KubeMesos.Dashboard.Api;

namespace KubeMesos.Dashboard.Model;

/// <summary>How writing one pod's labels ended.</summary>
public enum LabelApplyOutcome
{
    Applied,

    /// <summary>The newest pod already said so (someone made the same change meanwhile).</summary>
    Unchanged,

    /// <summary>Refused, or the pod is gone, or it kept changing: the message says which; nothing was written.</summary>
    Failed,
}

public sealed record LabelApplyResult(string Namespace, string Name, LabelApplyOutcome Outcome, string? Message = null)
{
    public string Key => $"{Namespace}/{Name}";
}

/// <summary>
/// One proposed label change on the board, from proposal to preview to Apply: the pods and edits, the impact preview
/// computed on the newest stored objects, and the per-pod results once written. Apply writes the same edits onto the
/// newest version of each pod (the writer retries on conflict), so a change someone made meanwhile is kept, not
/// overwritten with what the preview saw.
/// </summary>
/// <remarks>Owned by one component; not thread-safe.</remarks>
public sealed class LabelChangeModel
{
    /// <summary>The writer's update (<see cref="ClusterWriter.UpdateAsync{T}"/>): mutate the newest object, retried on conflict.</summary>
    public delegate Task<V1Pod> PodUpdate(string @namespace, string name, Func<V1Pod, V1Pod?> mutate, CancellationToken cancellationToken);

    /// <summary>The pods proposed for the change (<c>namespace/name</c>).</summary>
    public IReadOnlyList<string> Pods { get; private set; } = [];

    public IReadOnlyList<LabelEdit> Edits { get; private set; } = [];

    /// <summary>The preview of the pending change; null while none is proposed (or while it is computed).</summary>
    public LabelImpact? Impact { get; private set; }

    /// <summary>Per-pod results of the last Apply; empty before.</summary>
    public IReadOnlyList<LabelApplyResult> Results { get; private set; } = [];

    public bool IsPending => Edits.Count > 0;

    public bool Busy { get; private set; }

    /// <summary>Why the preview could not be computed, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>"tier=web on 2 pods".</summary>
    public string Summary => $"{string.Join(", ", Edits)} on {DisplayFormat.Count(Pods.Count)} {(Pods.Count == 1 ? "pod" : "pods")}";

    /// <summary>Proposes a change and computes its impact from <paramref name="read"/> (the stored objects of the pods' namespaces).</summary>
    public async Task ProposeAsync(IReadOnlyList<string> pods, IReadOnlyList<LabelEdit> edits, Func<IReadOnlyCollection<string>, CancellationToken, Task<ClusterObjects>> read,
        DateTimeOffset now, int burst, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentNullException.ThrowIfNull(read);
        Pods = pods;
        Edits = edits;
        Impact = null;
        Results = [];
        Error = null;
        StaleNotice = null;
        Busy = true;
        try
        {
            var namespaces = pods.Select(p => p[..p.IndexOf('/', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
            var objects = await read(namespaces, cancellationToken).ConfigureAwait(false);
            Impact = LabelImpactPreview.Compute(objects, pods, edits, now, burst);
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>The preview could not be computed: says why, and nothing is pending.</summary>
    public void Fail(string message)
    {
        Pods = [];
        Edits = [];
        Impact = null;
        Busy = false;
        Error = message;
    }

    public void Cancel()
    {
        StaleNotice = null;
        Pods = [];
        Edits = [];
        Impact = null;
        Error = null;
    }

    /// <summary>Forgets the last results.</summary>
    public void Dismiss() => Results = [];

    /// <summary>
    /// Set when Apply found that the cluster had changed since the preview in a way that changes its effects: the
    /// preview shown is the new one, and nothing was written.
    /// </summary>
    public string? StaleNotice { get; private set; }

    /// <summary>
    /// Checks the preview still holds (recomputed from <paramref name="read"/>; when its effects changed, shows the new
    /// one with <see cref="StaleNotice"/> and writes nothing), then writes the change pod by pod; every pod gets a
    /// result, a refusal never stops the others.
    /// </summary>
    /// <returns>The results; empty when nothing was written.</returns>
    public async Task<IReadOnlyList<LabelApplyResult>> ApplyAsync(PodUpdate update, Func<IReadOnlyCollection<string>, CancellationToken, Task<ClusterObjects>> read,
        DateTimeOffset now, int burst, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(read);
        if (Impact is null)
        {
            return [];
        }

        var shown = Impact;
        await ProposeAsync(Pods, Edits, read, now, burst, cancellationToken).ConfigureAwait(false);
        if (!SameEffects(shown, Impact!))
        {
            StaleNotice = "The cluster changed since this preview was computed: the preview is now up to date. Read it again, then Apply.";
            return [];
        }

        StaleNotice = null;
        Busy = true;
        var edits = Edits;
        var results = new List<LabelApplyResult>();
        try
        {
            foreach (var change in Impact.Pods)
            {
                results.Add(await ApplyOneAsync(update, change.Namespace, change.Name, edits, cancellationToken).ConfigureAwait(false));
            }

            results.AddRange(Impact.Missing.Select(key =>
                new LabelApplyResult(key[..key.IndexOf('/', StringComparison.Ordinal)], key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..],
                    LabelApplyOutcome.Failed, "no longer exists")));
        }
        finally
        {
            Busy = false;
        }

        Results = results;
        Pods = [];
        Edits = [];
        Impact = null;
        return results;
    }

    /// <summary>The same pods changed the same way and the same effects on services and controllers.</summary>
    public static bool SameEffects(LabelImpact a, LabelImpact b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Canonical(a) == Canonical(b);
    }

    private static string Canonical(LabelImpact impact) => System.Text.Json.JsonSerializer.Serialize(new
    {
        Pods = impact.Pods.Select(p => new { p.Key, After = p.After.OrderBy(l => l.Key, StringComparer.Ordinal).ToList() }),
        impact.Services,
        impact.ReplicationControllers,
        impact.Missing,
    });

    private static async Task<LabelApplyResult> ApplyOneAsync(PodUpdate update, string ns, string name, IReadOnlyList<LabelEdit> edits, CancellationToken ct)
    {
        var changed = false;
        try
        {
            await update(ns, name, pod =>
            {
                // Called again on the newest pod after a conflict: the edits, not the previewed labels, are what is applied.
                var labels = pod.Metadata.Labels is { } l ? new Dictionary<string, string>(l) : null;
                if (LabelEdit.ApplyAll(edits, labels) is not { } after)
                {
                    changed = false;
                    return null;
                }

                pod.Metadata.Labels = after;
                changed = true;
                return pod;
            }, ct).ConfigureAwait(false);
            return new LabelApplyResult(ns, name, changed ? LabelApplyOutcome.Applied : LabelApplyOutcome.Unchanged);
        }
        catch (ClusterWriteException ex)
        {
            return new LabelApplyResult(ns, name, LabelApplyOutcome.Failed, ex.Message);
        }
    }
}
