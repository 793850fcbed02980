using KubeMesos.Framework.Events;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Hosting;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// Keeps <see cref="ClusterHistory"/> and <see cref="AgentTimeline"/> for the whole process from one feed subscription,
/// so the Overview's charts and the Agents page's timeline show the last minutes as soon as a page opens (not only what
/// happened since). A once-a-second timer only closes quiet seconds.
/// </summary>
public sealed class ClusterHistoryRecorder(IClusterFeed feed, ClusterHistory history, AgentTimeline timeline, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe();
        history.Observe(subscription.Initial, 0, time.GetUtcNow());
        timeline.Start(subscription.Initial, time.GetUtcNow());
        using var ticks = time.CreateTimer(_ => history.Tick(time.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        try
        {
            while (true)
            {
                var batch = await subscription.ReadBatchAsync(stoppingToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return;
                }

                var placed = 0;
                foreach (var change in batch)
                {
                    if (change is PodPlaced)
                    {
                        placed++;
                    }
                }

                // The feed's current picture is at least as new as this batch: the figures are the latest.
                var current = feed.Current;
                history.Observe(current, placed, time.GetUtcNow());
                timeline.Observe(batch, current, time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
