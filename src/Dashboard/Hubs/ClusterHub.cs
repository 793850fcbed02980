using System.Runtime.CompilerServices;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Shared.Contracts;
using KubeMesos.Dashboard.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Hubs;

/// <summary>
/// Streams the live cluster picture to clients other than the dashboard's own components (which subscribe in-process).
/// Each stream owns one feed subscription, disposed when the client cancels the stream or disconnects; a connection has
/// at most <see cref="HubLimitsOptions.MaxStreamsPerConnection"/> open at once.
/// </summary>
public sealed class ClusterHub(IClusterFeed feed, SchedulerInsight insight, IOptions<HubLimitsOptions> limits) : Hub
{
    public const string Path = "/hubs/cluster";

    // The loop answers between two batches; one that takes longer is stuck, not busy.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The pod's latest placement attempt, per agent and per filter (or its placement record once placed), as the
    /// scheduler loop has it; null for a pod the scheduler does not know.
    /// </summary>
    [ReadOnlyHubMethod]
    public Task<PodExplanation?> GetPodExplanation(string @namespace, string name) =>
        AskAsync($"{@namespace}/{name}", Context.ConnectionAborted);

    /// <summary>
    /// The pod's explanation now (when the scheduler knows the pod), then again each time it changes: after every
    /// placement pass that left pods unplaced, and when the pod itself changes (placed, updated, removed). Ends when the
    /// client cancels or disconnects.
    /// </summary>
    [ReadOnlyHubMethod]
    public async IAsyncEnumerable<PodExplanation> StreamPodExplanation(string @namespace, string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var slot = HubStreamSlots.Acquire(Context, limits.Value.MaxStreamsPerConnection);
        using var subscription = feed.Subscribe();
        var key = $"{@namespace}/{name}";
        var last = await AskAsync(key, cancellationToken);
        if (last is not null)
        {
            yield return last;
        }

        while (true)
        {
            var batch = await subscription.ReadBatchAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            if (!batch.Any(change => MayChange(change, key)))
            {
                continue;
            }

            var next = await AskAsync(key, cancellationToken);
            if (next is not null && !SameAnswer(last, next))
            {
                last = next;
                yield return next;
            }
        }
    }

    internal static bool MayChange(ClusterChange change, string podKey) => change switch
    {
        PlacementAttempted or AgentRemoved or Resynced => true,
        PodPlaced c => $"{c.Placement.Namespace}/{c.Placement.Name}" == podKey,
        PodUpdated c => c.Pod.Key == podKey,
        PodRemoved c => $"{c.Namespace}/{c.Name}" == podKey,
        _ => false,
    };

    // A pass re-explains a class whose verdicts may be the same: only a new attempt, kind or placement is news.
    internal static bool SameAnswer(PodExplanation? a, PodExplanation b) =>
        a is not null && a.Kind == b.Kind && a.Summary == b.Summary && a.AttemptedAt == b.AttemptedAt && Equals(a.Placement, b.Placement);

    private async Task<PodExplanation?> AskAsync(string key, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerTimeout);
        try
        {
            return await insight.ExplainAsync(key, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HubException("the scheduler did not answer in time");
        }
    }

    /// <summary>
    /// First a <see cref="Resynced"/> with the whole current snapshot, then every change in publish order
    /// (a client that falls behind gets another <see cref="Resynced"/> instead of the changes it missed).
    /// </summary>
    [ReadOnlyHubMethod]
    public async IAsyncEnumerable<ClusterChange> StreamChanges([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var slot = HubStreamSlots.Acquire(Context, limits.Value.MaxStreamsPerConnection);
        using var subscription = feed.Subscribe();
        yield return new Resynced(subscription.Initial);
        while (true)
        {
            var batch = await subscription.ReadBatchAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            foreach (var change in batch)
            {
                yield return change;
            }
        }
    }

    /// <summary>
    /// Placements from now on, oldest first. After a resync, the placements of the new snapshot that are newer than
    /// the last one sent, so none is lost or repeated.
    /// </summary>
    [ReadOnlyHubMethod]
    public async IAsyncEnumerable<PlacementView> StreamPlacements([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var slot = HubStreamSlots.Acquire(Context, limits.Value.MaxStreamsPerConnection);
        using var subscription = feed.Subscribe();
        var lastSent = subscription.Initial.RecentPlacements.FirstOrDefault()?.PlacedAt ?? DateTimeOffset.MinValue;
        while (true)
        {
            var batch = await subscription.ReadBatchAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            foreach (var placement in PlacementsIn(batch, lastSent))
            {
                lastSent = placement.PlacedAt > lastSent ? placement.PlacedAt : lastSent;
                yield return placement;
            }
        }
    }

    internal static IEnumerable<PlacementView> PlacementsIn(IEnumerable<ClusterChange> batch, DateTimeOffset after)
    {
        foreach (var change in batch)
        {
            switch (change)
            {
                case PodPlaced placed:
                    yield return placed.Placement;
                    break;
                case Resynced resynced:
                    // RecentPlacements is newest first.
                    foreach (var placement in resynced.Snapshot.RecentPlacements.TakeWhile(p => p.PlacedAt > after).Reverse())
                    {
                        yield return placement;
                    }

                    break;
            }
        }
    }
}
