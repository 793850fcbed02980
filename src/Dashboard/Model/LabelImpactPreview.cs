using k8s.Models;
using KubeMesos.Framework.Controllers;

namespace KubeMesos.Dashboard.Model;

/// <summary>The stored objects a preview is computed from (the namespaces of the pods being changed are enough).</summary>
public sealed record ClusterObjects(
    IReadOnlyList<V1Pod> Pods,
    IReadOnlyList<V1Service> Services,
    IReadOnlyList<V1ReplicationController> ReplicationControllers);

/// <summary>
/// The impact preview: what a label change on some pods will make the controllers do, computed with their own rules
/// (<see cref="EndpointsBuilder.Build"/> for endpoints, <see cref="ReplicationDecider"/> and <see cref="PodOwnership"/>
/// through <see cref="ReplicationSimulation"/> for replication controllers). Effects are those the change causes: the
/// controllers are also simulated without it, and what they would do anyway (an RC still converging) is left out.
/// A pure function of its inputs.
/// </summary>
public static class LabelImpactPreview
{
    /// <param name="podKeys">the pods to change, as <c>namespace/name</c>.</param>
    /// <param name="burst">the controllers' <see cref="ControllerOptions.BurstReplicas"/>.</param>
    public static LabelImpact Compute(ClusterObjects objects, IEnumerable<string> podKeys, IReadOnlyList<LabelEdit> edits, DateTimeOffset now, int burst = 500)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(podKeys);
        ArgumentNullException.ThrowIfNull(edits);
        var byKey = objects.Pods.ToDictionary(KeyOf, StringComparer.Ordinal);
        var changes = new List<PodLabelChange>();
        var missing = new List<string>();
        var unchanged = 0;
        var newLabels = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var key in podKeys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!byKey.TryGetValue(key, out var pod))
            {
                missing.Add(key);
                continue;
            }

            var before = LabelsOf(pod);
            if (LabelEdit.ApplyAll(edits, before) is not { } after)
            {
                unchanged++;
                continue;
            }

            newLabels[key] = after;
            changes.Add(new PodLabelChange(pod.Metadata.NamespaceProperty, pod.Metadata.Name, before, after));
        }

        var namespaces = changes.Select(c => c.Namespace).ToHashSet(StringComparer.Ordinal);
        var pods = objects.Pods.Where(p => namespaces.Contains(p.Metadata.NamespaceProperty)).ToList();
        var relabelled = pods.Select(p =>
        {
            if (!newLabels.TryGetValue(KeyOf(p), out var labels))
            {
                return p;
            }

            var copy = ReplicationSimulation.CopyForSimulation(p);
            copy.Metadata.Labels = labels;
            return copy;
        }).ToList();
        var controllers = objects.ReplicationControllers.Where(rc => namespaces.Contains(rc.Metadata.NamespaceProperty)).ToList();
        var time = now.UtcDateTime;
        var anyway = ReplicationSimulation.Run(controllers, pods, time, burst);
        var caused = ReplicationSimulation.Run(controllers, relabelled, time, burst);

        var rcImpacts = controllers
            .Select(rc => RcImpact(rc, anyway.For(KeyOf(rc)), caused.For(KeyOf(rc))))
            .Where(i => i is not null).Select(i => i!)
            .OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        var deletedByChange = rcImpacts.SelectMany(i => i.Deletes.Select(d => $"{i.Namespace}/{d}")).ToHashSet(StringComparer.Ordinal);
        var serviceImpacts = objects.Services
            .Where(s => namespaces.Contains(s.Metadata.NamespaceProperty) && EndpointsBuilder.SelectorOf(s) is not null)
            .Select(s => ServiceImpactOf(s, pods, relabelled, caused.Pods, anyway.Pods, deletedByChange))
            .Where(i => i is not null).Select(i => i!)
            .OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        return new LabelImpact(changes, serviceImpacts, rcImpacts, missing, now) { Unchanged = unchanged };
    }

    private static ReplicationImpact? RcImpact(V1ReplicationController rc, ReplicationSimulation.Actions anyway, ReplicationSimulation.Actions caused)
    {
        var adopts = caused.Adopted.Except(anyway.Adopted, StringComparer.Ordinal).ToList();
        var releases = caused.Released.Except(anyway.Released, StringComparer.Ordinal).ToList();
        var deletes = caused.Deleted.Except(anyway.Deleted, StringComparer.Ordinal).ToList();
        var creates = Math.Max(0, caused.Created - anyway.Created);
        var contested = caused.Contested.Where(c => adopts.Contains(c.Pod, StringComparer.Ordinal)).ToList();
        if (adopts.Count == 0 && releases.Count == 0 && deletes.Count == 0 && creates == 0)
        {
            return null;
        }

        return new ReplicationImpact(rc.Metadata.NamespaceProperty, rc.Metadata.Name, Math.Max(0, rc.Spec?.Replicas ?? 1),
            adopts, releases, creates, deletes, contested);
    }

    private static ServiceImpact? ServiceImpactOf(V1Service service, List<V1Pod> now, List<V1Pod> relabelled, IReadOnlyList<V1Pod> settled,
        IReadOnlyList<V1Pod> settledAnyway, HashSet<string> deletedByChange)
    {
        var (readyNow, notReadyNow) = Addresses(service, now);
        var (readyAfter, notReadyAfter) = Addresses(service, relabelled);
        var (readySettled, _) = Addresses(service, settled);
        var gains = readyAfter.Except(readyNow, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var losses = readyNow.Except(readyAfter, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var notReady = notReadyAfter.Except(notReadyNow, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var ns = service.Metadata.NamespaceProperty;
        var removed = readyAfter.Where(p => deletedByChange.Contains($"{ns}/{p}")).Order(StringComparer.Ordinal).ToList();
        var selector = EndpointsBuilder.SelectorOf(service)!;
        var joining = CreatedMatching(settled) - CreatedMatching(settledAnyway);
        if (gains.Count == 0 && losses.Count == 0 && notReady.Count == 0 && removed.Count == 0 && joining <= 0)
        {
            return null;
        }

        return new ServiceImpact(ns, service.Metadata.Name, readyNow.Count, readyAfter.Count, readySettled.Count,
            gains, losses, notReady, removed, Math.Max(0, joining));

        int CreatedMatching(IReadOnlyList<V1Pod> pods) =>
            pods.Count(p => p.Metadata.NamespaceProperty == ns && ReplicationSimulation.IsCreated(p) && selector.Matches(p.Metadata));
    }

    /// <summary>The names of the pods the endpoints controller lists as ready, and as not ready.</summary>
    private static (HashSet<string> Ready, HashSet<string> NotReady) Addresses(V1Service service, IEnumerable<V1Pod> pods)
    {
        var subsets = EndpointsBuilder.Build(service, pods);
        return (
            subsets.SelectMany(s => s.Addresses ?? []).Select(a => a.TargetRef.Name).ToHashSet(StringComparer.Ordinal),
            subsets.SelectMany(s => s.NotReadyAddresses ?? []).Select(a => a.TargetRef.Name).ToHashSet(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> LabelsOf(V1Pod pod) =>
        pod.Metadata.Labels is { } l ? new Dictionary<string, string>(l, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);

    private static string KeyOf(V1Pod pod) => $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";

    private static string KeyOf(V1ReplicationController rc) => $"{rc.Metadata.NamespaceProperty}/{rc.Metadata.Name}";
}
