using KubeMesos.Framework.Offers;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Insight;

/// <summary>The answer to "will N replicas of this template fit?".</summary>
/// <param name="FitNow">Replicas the current offers take.</param>
/// <param name="FitLater">More that known agents could take once what they do not offer now comes back (ours running stay).</param>
/// <param name="Never">The rest, with why (<see cref="Reasons"/>: reason → replicas).</param>
/// <param name="Agents">Where the replicas that fit now would go: hostname → replicas.</param>
public sealed record FitResult(int FitNow, int FitLater, int Never, IReadOnlyDictionary<string, int> Agents, IReadOnlyDictionary<string, int> Reasons);

/// <summary>
/// A dry run of replicas through the real pipeline: first against candidates built from the held offers, then
/// against every known agent's total less what our pods hold. It reserves only on its own candidates: nothing is
/// reserved in the offer book, nothing launched.
/// </summary>
public static class FitCalculator
{
    public static FitResult Fit(PlacementPipeline pipeline, PodRequirements pod, int replicas, IReadOnlyList<AgentCandidate> offered, AgentBook book, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(book);
        var agents = new Dictionary<string, int>(StringComparer.Ordinal);
        var reservedOn = new Dictionary<string, int>(StringComparer.Ordinal);
        var fitNow = 0;
        while (fitNow < replicas && pipeline.Decide(pod, offered, 0).Agent is { } agent)
        {
            agent.Reserve(pod);
            fitNow++;
            agents[agent.Hostname] = agents.GetValueOrDefault(agent.Hostname) + 1;
            reservedOn[agent.AgentId] = reservedOn.GetValueOrDefault(agent.AgentId) + 1;
        }

        var later = IfOffered(pod, book, reservedOn);
        var fitLater = 0;
        while (fitNow + fitLater < replicas && pipeline.Decide(pod, later, 0).Agent is { } agent)
        {
            agent.Reserve(pod);
            fitLater++;
        }

        var never = replicas - fitNow - fitLater;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        if (never > 0)
        {
            // The explainer judges one pod against the agents as they are; the replicas before this one are not in the
            // book, so a pod that would fit alone is out of room, not waiting.
            var explanation = PlacementExplainer.Explain(pipeline, pod, later, book, now);
            reasons[explanation.Kind == WaitingKind.NeverFits ? explanation.Summary : OutOfRoom(fitNow + fitLater)] = never;
        }

        return new FitResult(fitNow, fitLater, never, agents, reasons);
    }

    public static string OutOfRoom(int fit) =>
        $"the known agents' totals hold {fit} beside the pods running now";

    // Every known agent as if all it does not give our pods were offered, less what the first round took.
    private static List<AgentCandidate> IfOffered(PodRequirements pod, AgentBook book, Dictionary<string, int> reservedOn)
    {
        var candidates = new List<AgentCandidate>(book.Count);
        foreach (var entry in book.All.OrderBy(e => e.Hostname, StringComparer.Ordinal))
        {
            var candidate = new AgentCandidate(entry.AgentId, entry.Hostname, entry.NodeLabels, entry.Unused, entry.PortsIfOffered(), entry.Total, entry.Used);
            for (var i = reservedOn.GetValueOrDefault(entry.AgentId); i > 0; i--)
            {
                candidate.Reserve(pod);
            }

            candidates.Add(candidate);
        }

        return candidates;
    }
}
