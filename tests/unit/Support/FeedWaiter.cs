using KubeMesos.Framework.Events;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Support;

/// <summary>Waits on the cluster feed for a condition, never on the clock.</summary>
public static class FeedWaiter
{
    public static async Task<ClusterSnapshot> WaitForAsync(IClusterFeed feed, Func<ClusterSnapshot, bool> condition, TimeSpan timeout, string what)
    {
        using var subscription = feed.Subscribe();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        var snapshot = subscription.Initial;
        try
        {
            while (!condition(snapshot))
            {
                var batch = await subscription.ReadBatchAsync(cts.Token);
                snapshot = snapshot.Apply(batch);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}. Pods: " +
                string.Join("; ", snapshot.Pods.Values.Select(p => $"{p.Key} {p.Phase} {p.NodeName} {p.Message}")));
        }

        return snapshot;
    }
}
