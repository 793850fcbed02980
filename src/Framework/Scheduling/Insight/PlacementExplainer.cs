using System.Globalization;
using KubeMesos.Framework.Offers;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Insight;

/// <summary>
/// Explains a failed placement: every filter of the real pipeline on every known agent (agents without an offer are
/// probed with what they have unused, after an "Offer" verdict that says since when), with the numbers, then which of
/// the three kinds of waiting it is, judged against the totals the <see cref="AgentBook"/> learned.
/// </summary>
public static class PlacementExplainer
{
    /// <summary>The verdict name for "the agent has no outstanding offer".</summary>
    public const string OfferFilter = "Offer";

    private const int Closest = 3;

    public static ClassExplanation Explain(
        PlacementPipeline pipeline, PodRequirements pod, IReadOnlyList<AgentCandidate> candidates, AgentBook book, DateTimeOffset now,
        IReadOnlyList<string>? frameworkRoles = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(book);
        var byId = new Dictionary<string, AgentCandidate>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            byId.TryAdd(candidate.AgentId, candidate);
        }

        var agents = new List<AgentVerdict>(book.Count);
        var shared = new Dictionary<string, FilterVerdict[]>(StringComparer.Ordinal);
        var never = new List<(AgentBook.Entry Entry, string Group, string Detail)>();
        var ever = new List<AgentBook.Entry>();
        foreach (var entry in book.All.OrderBy(e => byId.ContainsKey(e.AgentId) ? 0 : 1).ThenBy(e => e.Hostname, StringComparer.Ordinal))
        {
            var candidate = byId.GetValueOrDefault(entry.AgentId);
            double? shortfall;
            if (NeverReason(pod, entry) is { } reason)
            {
                never.Add((entry, reason.Group, reason.Detail));
                shortfall = null;
            }
            else
            {
                ever.Add(entry);
                shortfall = Shortfall(pod, entry);
            }

            agents.Add(Verdict(pipeline, pod, entry, candidate, now, shortfall, shared));
        }

        var total = book.Count;

        // Mesos offers a framework only its own roles' resources: a pod asking for another role gets none, ever.
        if (pod.Role is { } role && frameworkRoles is { Count: > 0 } && !frameworkRoles.Contains(role, StringComparer.Ordinal))
        {
            return new(WaitingKind.NeverFits, PlacementCode.UnschedulableAndUnresolvable,
                $"0/{total} agents can ever fit: role '{role}' ({PodRoles.Annotation}) is not one of the framework's roles ({string.Join(", ", frameworkRoles)}, Mesos:Roles)", agents);
        }

        if (total == 0)
        {
            return new(WaitingKind.WaitsForOffer, PlacementCode.Unschedulable, "0/0 agents known: no agent has offered resources yet", agents);
        }

        if (ever.Count == 0)
        {
            var groups = never.GroupBy(n => n.Group, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            var parts = groups.Select(g => groups.Count == 1 ? NeverDetail(pod, g.Key, g.Select(n => n.Entry)) : $"{g.Count()} {NeverDetail(pod, g.Key, g.Select(n => n.Entry))}");
            return new(WaitingKind.NeverFits, PlacementCode.UnschedulableAndUnresolvable,
                $"0/{total} agents can ever fit: {string.Join("; ", parts)}", agents);
        }

        var offerless = ever.Where(e => CouldTakeIfOffered(pod, e)).ToList();
        if (offerless.Count > 0)
        {
            return new(WaitingKind.WaitsForOffer, PlacementCode.Unschedulable,
                $"0/{total} agents fit now: waits for an offer: {offerless.Count} could take it but do not offer what it needs now ({Hosts(offerless)})", agents);
        }

        var closest = ever.OrderBy(e => Shortfall(pod, e)).ThenBy(e => e.Hostname, StringComparer.Ordinal).Take(Closest)
            .Select(e => $"{e.Hostname} {Missing(pod, e)}");
        return new(WaitingKind.WaitsForResources, PlacementCode.Unschedulable,
            $"0/{total} agents fit now: waits for resources running pods hold; closest: {string.Join(", ", closest)}", agents);
    }

    private static AgentVerdict Verdict(PlacementPipeline pipeline, PodRequirements pod, AgentBook.Entry entry, AgentCandidate? candidate, DateTimeOffset now, double? shortfall,
        Dictionary<string, FilterVerdict[]> shared)
    {
        var filters = new List<FilterVerdict>(pipeline.Filters.Count + 1);
        if (candidate is null)
        {
            filters.Add(new FilterVerdict(OfferFilter, false, NoOfferReason(entry, now), PlacementCode.Unschedulable));
        }

        var probe = candidate ?? new AgentCandidate(entry.AgentId, entry.Hostname, entry.NodeLabels, entry.Unused, entry.PortsIfOffered(), entry.Total, entry.Used);
        var passed = true;
        foreach (var filter in pipeline.Filters)
        {
            var status = filter.Filter(pod, probe);
            passed &= status.Fits;
            filters.Add(new FilterVerdict(filter.Name, status.Fits, status.Fits ? null : Detail(status.Reason ?? filter.Name, pod, entry, probe, candidate is not null), status.Code));
        }

        double? score = null;
        if (passed && candidate is not null)
        {
            score = pipeline.ScorersFor(pod.Strategy).Sum(s => s.Score(pod, candidate));
        }

        // Agents alike get the same verdicts word for word (a real cluster has few agent shapes): one copy of them per
        // explanation, so what the book keeps grows with the distinct verdicts, not with agents × filters.
        var key = string.Join('\u001f', filters.Select(f => $"{f.Name}\u001e{f.Passed}\u001e{f.Reason}\u001e{f.Code}"));
        if (!shared.TryGetValue(key, out var verdicts))
        {
            verdicts = [.. filters];
            shared[key] = verdicts;
        }

        return new AgentVerdict(entry.AgentId, entry.Hostname, passed && candidate is not null, verdicts, score)
        {
            Shortfall = shortfall,
            LastOfferAt = entry.LastOfferAt,
            UnofferedSince = entry.UnofferedSince,
        };
    }

    private static string NoOfferReason(AgentBook.Entry entry, DateTimeOffset now) => entry.LastOfferAt is not { } last
        ? $"{PlacementReasons.NoOffer}: the agent never offered"
        : entry.UnofferedSince is { } since
            ? $"{PlacementReasons.NoOffer} since {Stamp(since)}; last offer {Age(now - last)} ago"
            : $"{PlacementReasons.NoOffer}; last offer {Age(now - last)} ago";

    private static string Detail(string reason, PodRequirements pod, AgentBook.Entry entry, AgentCandidate probe, bool offered)
    {
        var have = offered ? "offered" : "unused";
        var asked = pod.WithExecutor;
        return reason switch
        {
            PlacementReasons.InsufficientCpus => $"{reason}: asked {Num(asked.Cpus)}, {have} {Num(probe.Free.Cpus)}, agent total {Num(entry.Total.Cpus)}",
            PlacementReasons.InsufficientMem => $"{reason}: asked {Num(asked.MemMb)} MB, {have} {Num(probe.Free.MemMb)} MB, agent total {Num(entry.Total.MemMb)} MB",
            PlacementReasons.InsufficientDisk => $"{reason}: asked {Num(asked.DiskMb)} MB, {have} {Num(probe.Free.DiskMb)} MB, agent total {Num(entry.Total.DiskMb)} MB",
            PlacementReasons.HostPortUnavailable => $"{reason}: {string.Join(", ", FixedPorts(pod).Where(p => !probe.FreePorts.Contains(p)).Select(p => PortDetail(p, entry)))}",
            PlacementReasons.InsufficientPorts => $"{reason}: asked {pod.HostPorts.Count}, {have} {probe.FreePorts.Count}",
            PlacementReasons.NodeSelectorMismatch => $"{reason}: {string.Join(", ", pod.NodeSelector.Where(s => !Matches(entry, s)).Select(s => $"{s.Key}={s.Value}"))}",
            _ => reason,
        };
    }

    private static string PortDetail(ulong port, AgentBook.Entry entry) =>
        entry.PortHeld(port) ? $"{port} held by a running pod" : entry.KnownPorts.Contains(port) ? $"{port} not offered now" : $"{port} never offered";

    /// <summary>Why the agent could not take the pod even were it empty (null when it could).</summary>
    private static (string Group, string Detail)? NeverReason(PodRequirements pod, AgentBook.Entry entry)
    {
        foreach (var pair in pod.NodeSelector)
        {
            if (!Matches(entry, pair))
            {
                return ("selector", $"{pair.Key}={pair.Value}");
            }
        }

        if (!entry.Total.HasCpusFor(pod.WithExecutor))
        {
            return ("cpus", "");
        }

        if (!entry.Total.HasMemFor(pod.WithExecutor))
        {
            return ("mem", "");
        }

        if (!entry.Total.HasDiskFor(pod.WithExecutor))
        {
            return ("disk", "");
        }

        if (FixedPorts(pod).FirstOrDefault(p => !entry.KnownPorts.Contains(p)) is var port and > 0)
        {
            return ("port", port.ToString(CultureInfo.InvariantCulture));
        }

        return (ulong)pod.HostPorts.Count > entry.KnownPorts.Count ? ("ports", "") : null;
    }

    private static string NeverDetail(PodRequirements pod, string group, IEnumerable<AgentBook.Entry> entries) => group switch
    {
        "cpus" => $"{Num(pod.WithExecutor.Cpus)} cpus asked, the largest agent has {Num(entries.Max(e => e.Total.Cpus))}",
        "mem" => $"{Num(pod.WithExecutor.MemMb)} MB mem asked, the largest agent has {Num(entries.Max(e => e.Total.MemMb))} MB",
        "disk" => $"{Num(pod.WithExecutor.DiskMb)} MB disk asked, the largest agent has {Num(entries.Max(e => e.Total.DiskMb))} MB",
        "selector" => $"{PlacementReasons.NodeSelectorMismatch}: no agent has {string.Join(", ", pod.NodeSelector.Select(s => $"{s.Key}={s.Value}"))}",
        "port" => $"host port {string.Join(", ", FixedPorts(pod).Where(p => entries.All(e => !e.KnownPorts.Contains(p))))} offered by no agent".Replace("port  offered", "ports offered", StringComparison.Ordinal),
        _ => $"{pod.HostPorts.Count} host ports asked, more than any agent offers",
    };

    private static bool CouldTakeIfOffered(PodRequirements pod, AgentBook.Entry entry) =>
        entry.Unused.Fits(pod.WithExecutor) && FixedPorts(pod).All(p => !entry.PortHeld(p));

    // Share of the agent's total still missing, summed over cpus and mem (ports held count as a whole agent).
    private static double Shortfall(PodRequirements pod, AgentBook.Entry entry)
    {
        var need = pod.WithExecutor;
        var unused = entry.Unused;
        var held = FixedPorts(pod).Count(entry.PortHeld);
        return Share(need.Cpus - unused.Cpus, entry.Total.Cpus) + Share(need.MemMb - unused.MemMb, entry.Total.MemMb)
            + Share(need.DiskMb - unused.DiskMb, entry.Total.DiskMb) + held;
    }

    private static double Share(double missing, double total) => missing <= 0 || total <= 0 ? 0 : missing / total;

    private static string Missing(PodRequirements pod, AgentBook.Entry entry)
    {
        var need = pod.WithExecutor;
        var unused = entry.Unused;
        var parts = new List<string>();
        if (!unused.HasCpusFor(need))
        {
            parts.Add($"{Num(need.Cpus - unused.Cpus)} more cpus");
        }

        if (!unused.HasMemFor(need))
        {
            parts.Add($"{Num(need.MemMb - unused.MemMb)} MB more mem");
        }

        if (!unused.HasDiskFor(need))
        {
            parts.Add($"{Num(need.DiskMb - unused.DiskMb)} MB more disk");
        }

        parts.AddRange(FixedPorts(pod).Where(entry.PortHeld).Select(p => $"host port {p} held"));
        return $"({(parts.Count == 0 ? "ports held" : string.Join(", ", parts))})";
    }

    private static string Hosts(IEnumerable<AgentBook.Entry> entries)
    {
        var list = entries.Select(e => e.Hostname).ToList();
        return list.Count <= Closest ? string.Join(", ", list) : $"{string.Join(", ", list.Take(Closest))} and {list.Count - Closest} more";
    }

    private static IEnumerable<ulong> FixedPorts(PodRequirements pod) => pod.HostPorts.Where(p => !p.IsWildcard).Select(p => (ulong)p.HostPort);

    private static bool Matches(AgentBook.Entry entry, KeyValuePair<string, string> pair) =>
        entry.NodeLabels.TryGetValue(pair.Key, out var value) && value == pair.Value;

    private static string Num(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Age(TimeSpan age) => age.TotalSeconds < 1 ? "0s"
        : age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds}s"
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m{age.Seconds}s"
        : $"{(int)age.TotalHours}h{age.Minutes}m";
}
