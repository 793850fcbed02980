using KubeMesos.Framework.Scheduling.Plugins;

namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>
/// One placement decision: every filter for every candidate agent (first "no" wins and is counted for the
/// explanation), then the strategy's scorers among the agents that fit. First fit stops at the first agent that fits,
/// in candidate order (offer arrival), which is the seed's first come, first served. Among equal scores the first
/// candidate wins.
/// </summary>
/// <remarks>
/// A decision allocates only its result (and the reason counts when nothing fits): the loops run for every agent
/// of every pod, so they index arrays and lists instead of enumerating interfaces, and filters return cached
/// statuses.
/// </remarks>
public sealed class PlacementPipeline
{
    private readonly IPlacementFilter[] _filters;
    private readonly Dictionary<PlacementStrategy, IPlacementScorer[]> _scorers;

    public PlacementPipeline(IEnumerable<IPlacementFilter> filters, IReadOnlyDictionary<PlacementStrategy, IReadOnlyList<IPlacementScorer>> scorers)
    {
        ArgumentNullException.ThrowIfNull(scorers);
        _filters = [.. filters];
        _scorers = scorers.ToDictionary(s => s.Key, s => s.Value.ToArray());
    }

    public IReadOnlyList<IPlacementFilter> Filters => _filters;

    /// <summary>The pod's <see cref="FeasibilityClass"/> under this pipeline's filters, each signing its part.</summary>
    public string FeasibilityClassOf(PodRequirements pod) => FeasibilityClass.Of(_filters, pod);

    public IReadOnlyList<IPlacementScorer> ScorersFor(PlacementStrategy strategy) => _scorers.TryGetValue(strategy, out var s) ? s : [];

    /// <summary>The built-in plugins: role, node selector, resources, host ports, node selector; spread = least requested + owner spread; bin packing = most requested.</summary>
    public static PlacementPipeline Default() => new(
        [new RoleFilter(), new NodeSelectorFilter(), new ResourcesFilter(), new HostPortsFilter()],
        new Dictionary<PlacementStrategy, IReadOnlyList<IPlacementScorer>>
        {
            [PlacementStrategy.FirstFit] = [],
            [PlacementStrategy.Spread] = [new LeastRequestedScorer(), new OwnerSpreadScorer()],
            [PlacementStrategy.BinPack] = [new MostRequestedScorer()],
        });

    /// <param name="pod">The pod to place.</param>
    /// <param name="candidates">Agents with held offers, in offer-arrival order.</param>
    /// <param name="agentsWithoutOffers">Known agents we hold no offer for (they count as "no outstanding offer").</param>
    public PlacementDecision Decide(PodRequirements pod, IReadOnlyList<AgentCandidate> candidates, int agentsWithoutOffers)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(candidates);
        var scorers = _scorers.TryGetValue(pod.Strategy, out var s) ? s : [];
        Dictionary<string, int>? reasons = null;
        AgentCandidate? best = null;
        var bestScore = double.MinValue;
        // The best few scored agents (winner included), kept sorted: a fixed array per decision, not an entry per agent.
        (AgentCandidate? Agent, double Score)[]? top = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var rejection = FirstRejection(pod, candidate);
            if (rejection is not null)
            {
                reasons ??= new Dictionary<string, int>(StringComparer.Ordinal);
                reasons[rejection] = reasons.GetValueOrDefault(rejection) + 1;
                continue;
            }

            if (scorers.Length == 0)
            {
                return new PlacementDecision(candidate, null);
            }

            var score = 0.0;
            foreach (var scorer in scorers)
            {
                score += scorer.Score(pod, candidate);
            }

            top ??= new (AgentCandidate?, double)[MaxRunnersUp + 1];
            KeepTop(top, candidate, score);
            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        if (best is not null)
        {
            return new PlacementDecision(best, null, bestScore, RunnersUp(top!, best));
        }

        reasons ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (agentsWithoutOffers > 0)
        {
            reasons[PendingExplanation.NoOffer] = agentsWithoutOffers;
        }

        return new PlacementDecision(null, PendingExplanation.Build(candidates.Count + agentsWithoutOffers, reasons));
    }

    // Inserts after equal scores, so the first candidate among equals stays ahead (as the winner does).
    private static void KeepTop((AgentCandidate? Agent, double Score)[] top, AgentCandidate candidate, double score)
    {
        var at = top.Length;
        for (var i = 0; i < top.Length; i++)
        {
            if (top[i].Agent is null || score > top[i].Score)
            {
                at = i;
                break;
            }
        }

        if (at == top.Length)
        {
            return;
        }

        for (var i = top.Length - 1; i > at; i--)
        {
            top[i] = top[i - 1];
        }

        top[at] = (candidate, score);
    }

    private static RunnerUp[] RunnersUp((AgentCandidate? Agent, double Score)[] top, AgentCandidate winner)
    {
        var count = 0;
        foreach (var (agent, _) in top)
        {
            count += agent is not null && !ReferenceEquals(agent, winner) ? 1 : 0;
        }

        var others = new RunnerUp[Math.Min(count, MaxRunnersUp)];
        var n = 0;
        foreach (var (agent, score) in top)
        {
            if (n < others.Length && agent is not null && !ReferenceEquals(agent, winner))
            {
                others[n++] = new RunnerUp(agent.Hostname, score);
            }
        }

        return others;
    }

    private const int MaxRunnersUp = 3;

    private string? FirstRejection(PodRequirements pod, AgentCandidate candidate)
    {
        foreach (var filter in _filters)
        {
            var status = filter.Filter(pod, candidate);
            if (!status.Fits)
            {
                return status.Reason ?? filter.Name;
            }
        }

        return null;
    }
}
