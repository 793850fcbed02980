using k8s.Models;
using KubeMesos.Framework.Offers;
using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Scheduling;

/// <summary>The loop's side of scheduling insight: what it learns of agents, its explanations, and answering queries.</summary>
public sealed partial class PodScheduler
{
    private readonly AgentBook _agentBook = new();
    private readonly ExplanationBook _explanations = new();

    /// <summary>Explains a class that fit nowhere in this pass (once per class per pass) and returns the pod condition's message.</summary>
    private string ExplainClass(string feasibilityClass, PodRequirements requirements, List<AgentCandidate> candidates)
    {
        var explanation = PlacementExplainer.Explain(_pipeline, requirements, candidates, _agentBook, _time.GetUtcNow(), _roles);
        _explanations.ClassAttempted(feasibilityClass, explanation);
        return explanation.Summary;
    }

    private PlacementView PlacementRecord(V1Pod pod, AgentCandidate agent, string offerId, PlacementDecision? decision, PodRequirements requirements, DateTimeOffset now)
    {
        var created = pod.Metadata.CreationTimestamp;
        var view = new PlacementView(
            pod.Metadata.NamespaceProperty, pod.Metadata.Name, agent.AgentId, agent.Hostname, offerId, now,
            requirements.Strategy.ToString(), decision?.Score,
            decision?.RunnersUp?.Select(r => new RunnerUpView(r.Hostname, r.Score)).ToList(),
            created is { } at ? now - new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null);
        _explanations.Placed(requirements.Key, view);
        return view;
    }

    private void Answer(InsightQuery query)
    {
        switch (query)
        {
            case ExplainPod q:
                q.Reply.TrySetResult(_pods.TryGetValue(q.Key, out var pod) ? _explanations.For(q.Key) ?? NotYetAttempted(q.Key, pod) : null);
                break;
            case FitPods q:
                try
                {
                    var (candidates, _) = BuildCandidates();
                    q.Reply.TrySetResult(FitCalculator.Fit(_pipeline, PodRequirements.From(q.Pod, _options), q.Replicas, candidates, _agentBook, _time.GetUtcNow()));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    q.Reply.TrySetException(ex);
                }

                break;
        }
    }

    private static PodExplanation NotYetAttempted(string key, V1Pod pod) => pod.Spec?.NodeName is { Length: > 0 } node
        ? new PodExplanation(key, WaitingKind.Scheduled, $"placed on {node}", null, [], null)
        : new PodExplanation(key, WaitingKind.WaitsForOffer, "not attempted yet: waits for a placement pass", null, [], null);
}
