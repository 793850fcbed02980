namespace KubeMesos.Dashboard.Model;

/// <summary>The impact preview's sentences, one per effect, worded for an operator scanning a list.</summary>
public static class ImpactText
{
    /// <summary>"service web: +2 endpoints".</summary>
    public static string Headline(ServiceImpact service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return $"service {service.Name}: {service.DeltaText}";
    }

    /// <summary>"2 → 4 ready endpoints, 2 once the controllers act; 1 replacement joins when ready".</summary>
    public static string Detail(ServiceImpact service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var text = $"{service.ReadyNow} \u2192 {service.ReadyAfterChange} ready endpoints";
        if (service.ReadySettled != service.ReadyAfterChange)
        {
            text += $", then {service.ReadySettled} once the replication controllers act";
        }

        if (service.ReplacementsToJoin > 0)
        {
            text += service.ReplacementsToJoin == 1
                ? "; 1 replacement joins when it is ready"
                : $"; {service.ReplacementsToJoin} replacements join when they are ready";
        }

        return text;
    }

    /// <summary>"rc web: adopts 2 · deletes 2 surplus".</summary>
    public static string Headline(ReplicationImpact rc)
    {
        ArgumentNullException.ThrowIfNull(rc);
        var parts = new List<string>();
        if (rc.Adopts.Count > 0)
        {
            parts.Add($"adopts {rc.Adopts.Count}");
        }

        if (rc.Releases.Count > 0)
        {
            parts.Add($"releases {rc.Releases.Count}");
        }

        if (rc.Creates > 0)
        {
            parts.Add(rc.Creates == 1 ? "creates 1 replacement" : $"creates {rc.Creates} replacements");
        }

        if (rc.Deletes.Count > 0)
        {
            parts.Add($"deletes {rc.Deletes.Count} surplus");
        }

        return $"rc {rc.Name}: {string.Join(" \u00b7 ", parts)}";
    }

    /// <summary>"db-1 is matched by rc a and rc b: whichever reconciles first adopts it".</summary>
    public static string Contest(ContestedPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return $"{pod.Pod} is matched by {string.Join(" and ", pod.Controllers.Order(StringComparer.Ordinal).Select(c => "rc " + c))}: whichever reconciles first adopts it";
    }

    /// <summary>The labels a change touches, as kubectl prints them: "tier: db → web", "tier: db → (removed)".</summary>
    public static IEnumerable<string> Diff(PodLabelChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var key in change.Before.Keys.Union(change.After.Keys).Order(StringComparer.Ordinal))
        {
            var before = change.Before.TryGetValue(key, out var b) ? b : null;
            var after = change.After.TryGetValue(key, out var a) ? a : null;
            if (before != after)
            {
                yield return $"{key}: {before ?? "(none)"} \u2192 {after ?? "(removed)"}";
            }
        }
    }
}
