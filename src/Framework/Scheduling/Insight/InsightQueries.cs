using k8s.Models;

namespace KubeMesos.Framework.Scheduling.Insight;

/// <summary>A question for the scheduler loop, answered on the loop (which owns the state) through the reply.</summary>
public abstract record InsightQuery : SchedulerMessage;

/// <summary>The latest attempt (or placement) of one pod; null for a pod the scheduler does not know.</summary>
public sealed record ExplainPod(string Key, TaskCompletionSource<PodExplanation?> Reply) : InsightQuery;

/// <summary>A dry run of <paramref name="Replicas"/> pods like <paramref name="Pod"/> against the current offers and agent totals.</summary>
public sealed record FitPods(V1Pod Pod, int Replicas, TaskCompletionSource<FitResult> Reply) : InsightQuery;
