using System.Threading.Channels;
using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Support;

/// <summary>
/// Waits for a condition on the object store, never on the clock: the condition is checked once, then again after
/// every batch of changes to pods, replication controllers, services or endpoints.
/// </summary>
public static class StoreWaiter
{
    public static async Task WaitForAsync(IObjectStore store, Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what,
        Func<Task<string>>? describe = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var version = await store.CurrentVersionAsync(cts.Token);
        var watches = new[]
        {
            Signal<V1Pod>(store, version, changed.Writer, cts.Token),
            Signal<V1ReplicationController>(store, version, changed.Writer, cts.Token),
            Signal<V1Service>(store, version, changed.Writer, cts.Token),
            Signal<V1Endpoints>(store, version, changed.Writer, cts.Token),
            Signal<V1Node>(store, version, changed.Writer, cts.Token),
        };
        try
        {
            while (!await condition(cts.Token))
            {
                await changed.Reader.ReadAsync(cts.Token);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}. {(describe is null ? string.Empty : await describe())}");
        }
        finally
        {
            await cts.CancelAsync();
            await Task.WhenAll(watches);
        }
    }

    private static async Task Signal<T>(IObjectStore store, long version, ChannelWriter<bool> changed, CancellationToken ct)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await foreach (var _ in store.WatchAsync<T>(null, version, ct))
            {
                changed.TryWrite(true);
            }
        }
        catch (OperationCanceledException)
        {
            // The wait is over.
        }
    }

    /// <summary>Waits until the node sync has stored a Ready node for each of <paramref name="hostnames"/>.</summary>
    public static Task WaitForReadyNodesAsync(IObjectStore store, IEnumerable<string> hostnames, TimeSpan timeout)
    {
        var wanted = hostnames.ToHashSet(StringComparer.Ordinal);
        return WaitForAsync(store, async ct =>
        {
            var nodes = (await store.ListAsync<V1Node>(new StoreListOptions(), ct)).Items;
            return wanted.All(h => nodes.Any(n => n.Metadata.Name == h && n.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True")));
        }, timeout, $"Ready nodes {string.Join(", ", wanted)}");
    }
}
