using System.Threading.Channels;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Events;

/// <summary>
/// One subscriber's view of the feed. Changes arrive in publish order. A subscriber that falls behind by more than
/// the channel's capacity loses the queued changes and gets one <see cref="Resynced"/> with the current snapshot
/// instead, so memory stays bounded and nothing is silently wrong.
/// </summary>
public sealed class ClusterSubscription : IDisposable
{
    private readonly Action<ClusterSubscription> _onDispose;

    internal ClusterSubscription(ClusterSnapshot initial, Channel<ClusterChange> channel, Action<ClusterSubscription> onDispose)
    {
        Initial = initial;
        Channel = channel;
        _onDispose = onDispose;
    }

    public ClusterSnapshot Initial { get; }

    public ChannelReader<ClusterChange> Changes => Channel.Reader;

    internal Channel<ClusterChange> Channel { get; }

    /// <summary>Waits for at least one change, then takes every change already queued (a batch).</summary>
    /// <returns>The batch, or an empty list when the feed completed.</returns>
    public async ValueTask<IReadOnlyList<ClusterChange>> ReadBatchAsync(CancellationToken cancellationToken)
    {
        if (!await Changes.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var batch = new List<ClusterChange>();
        while (Changes.TryRead(out var change))
        {
            batch.Add(change);
        }

        return batch;
    }

    public void Dispose()
    {
        Channel.Writer.TryComplete();
        _onDispose(this);
    }
}
