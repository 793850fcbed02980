using System.Globalization;
using KubeMesos.Framework.Scheduling.Insight;

namespace KubeMesos.Dashboard.Model;

/// <summary>How close an agent is to taking the pod: the explanation table's groups, closest first.</summary>
public enum VerdictGroup
{
    /// <summary>Every filter passed on a held offer.</summary>
    FitsNow,

    /// <summary>What it has unused would do, but it does not offer it now.</summary>
    OnceOffered,

    /// <summary>Its total would do, but our running pods hold part of what the pod needs.</summary>
    HeldByPods,

    /// <summary>It never could: too small in total, a selector it does not match, a host port it never offered.</summary>
    Never,
}

/// <summary>How the explanation table is ordered.</summary>
public enum VerdictSort { Closest, Hostname, Score }

/// <summary>One agent's row: its verdict by filter column, its group, and what the Offer column says.</summary>
public sealed record VerdictRow(AgentVerdict Verdict, VerdictGroup Group, IReadOnlyList<FilterVerdict?> Cells)
{
    public string Hostname => Verdict.Hostname;

    public string AgentId => Verdict.AgentId;

    /// <summary>The score where every filter passed ("—" otherwise).</summary>
    public string ScoreText => Verdict.Score is { } score ? score.ToString("0.#", CultureInfo.InvariantCulture) : "—";

    /// <summary>The agent's page.</summary>
    public string Href => "agents/" + Uri.EscapeDataString(Verdict.AgentId);
}

/// <summary>
/// What the pod page shows of one <see cref="PodExplanation"/>: the kind of waiting in words, the filters as columns
/// (the "Offer" verdict first when any agent lacks an offer), every agent's row grouped by how close it is and sorted,
/// and the counts per group for the group chips. Built once per explanation, group or sort; pure, so it is tested
/// without rendering.
/// </summary>
public sealed class PodExplanationModel
{
    public PodExplanationModel(PodExplanation explanation, VerdictGroup? group = null, VerdictSort sort = VerdictSort.Closest)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        Explanation = explanation;
        Group = group;
        Sort = sort;
        var columns = new List<string>();
        foreach (var agent in explanation.Agents)
        {
            foreach (var filter in agent.Filters)
            {
                if (!columns.Contains(filter.Name))
                {
                    columns.Add(filter.Name);
                }
            }
        }

        // "Offer" is about the agent, not a filter of the pipeline: it leads, so the filters keep the pipeline's order.
        if (columns.Remove(PlacementExplainer.OfferFilter))
        {
            columns.Insert(0, PlacementExplainer.OfferFilter);
        }

        Columns = columns;
        var all = explanation.Agents.Select(a => new VerdictRow(a, GroupOf(a), [.. columns.Select(c => a.Filters.FirstOrDefault(f => f.Name == c))])).ToList();
        Counts = Enum.GetValues<VerdictGroup>().ToDictionary(g => g, g => all.Count(r => r.Group == g));
        Rows = [.. Sorted(all.Where(r => group is null || r.Group == group), sort)];
        Closest = Sorted(all, VerdictSort.Closest).FirstOrDefault(r => r.Group != VerdictGroup.Never);
    }

    public PodExplanation Explanation { get; }

    public VerdictGroup? Group { get; }

    public VerdictSort Sort { get; }

    /// <summary>The verdict names in column order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows of the chosen group (all when none), in the chosen order.</summary>
    public IReadOnlyList<VerdictRow> Rows { get; }

    public IReadOnlyDictionary<VerdictGroup, int> Counts { get; }

    /// <summary>The agent that came closest (null when none ever could).</summary>
    public VerdictRow? Closest { get; }

    public int AgentCount => Explanation.Agents.Count;

    public string KindTitle => Title(Explanation.Kind);

    public static string Title(WaitingKind kind) => kind switch
    {
        WaitingKind.NeverFits => "Never fits",
        WaitingKind.WaitsForResources => "Waits for resources",
        WaitingKind.WaitsForOffer => "Waits for an offer",
        _ => "Scheduled",
    };

    /// <summary>What the kind means, in one line under the title.</summary>
    public static string Meaning(WaitingKind kind) => kind switch
    {
        WaitingKind.NeverFits => "No known agent can ever take it as the cluster is: change the pod, or add an agent that can.",
        WaitingKind.WaitsForResources => "An agent's total could take it, but running pods hold what it needs: it goes when they end.",
        WaitingKind.WaitsForOffer => "An agent has what it needs unused, but is not offering it now: it goes with that agent's next offer.",
        _ => "Placed on an agent.",
    };

    public static string GroupName(VerdictGroup group) => group switch
    {
        VerdictGroup.FitsNow => "Fits now",
        VerdictGroup.OnceOffered => "Fits once offered",
        VerdictGroup.HeldByPods => "Held by running pods",
        _ => "Never",
    };

    public static VerdictGroup GroupOf(AgentVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return verdict.Fits ? VerdictGroup.FitsNow
            : verdict.Shortfall is null ? VerdictGroup.Never
            : verdict.Shortfall <= 0 ? VerdictGroup.OnceOffered
            : VerdictGroup.HeldByPods;
    }

    /// <summary>A cell: a tick for a pass, the reason (with its numbers) for a failure, a dash where the verdict was not given.</summary>
    public static string CellText(FilterVerdict? verdict) => verdict switch
    {
        null => "—",
        { Passed: true } => "✓",
        _ => verdict.Reason ?? verdict.Name,
    };

    /// <summary>The last offer's age ("never offered" when none came).</summary>
    public static string LastOffer(AgentVerdict verdict, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return verdict.LastOfferAt is { } at ? DisplayFormat.Age(at, now) : "never offered";
    }

    /// <summary>Since when it has had no offer ("offers now" while it has one).</summary>
    public static string Unoffered(AgentVerdict verdict, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return verdict.UnofferedSince is { } since ? $"no offer since {DisplayFormat.Age(since, now)}"
            : verdict.LastOfferAt is null ? "never offered" : "offers now";
    }

    private static IEnumerable<VerdictRow> Sorted(IEnumerable<VerdictRow> rows, VerdictSort sort) => sort switch
    {
        VerdictSort.Hostname => rows.OrderBy(r => r.Hostname, StringComparer.Ordinal),
        VerdictSort.Score => rows.OrderByDescending(r => r.Verdict.Score ?? double.MinValue).ThenBy(r => r.Group).ThenBy(r => r.Hostname, StringComparer.Ordinal),
        _ => rows.OrderBy(r => r.Group)
            .ThenByDescending(r => r.Verdict.Score ?? 0)
            .ThenBy(r => r.Verdict.Shortfall ?? double.MaxValue)
            .ThenBy(r => r.Verdict.Filters.Count(f => !f.Passed))
            .ThenBy(r => r.Hostname, StringComparer.Ordinal),
    };
}
