using KubeMesos.Framework.Events;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// A component's live copy of the cluster picture: the subscription's initial snapshot, then each batch of changes
/// applied in order. After each batch it calls <see cref="Changed"/> (the component re-renders) and then waits the
/// throttle before taking the next batch, so changes arriving meanwhile are coalesced into one render.
/// </summary>
/// <remarks>
/// Owned by one component: <see cref="Start"/> in <c>OnInitialized</c>, <see cref="DisposeAsync"/> in the component's
/// <c>DisposeAsync</c>, which cancels the loop, awaits it and ends the subscription. <see cref="Snapshot"/> may be read
/// from any thread; <see cref="Changed"/> is called from the loop's thread (marshal with <c>InvokeAsync</c>).
/// </remarks>
public sealed class LiveClusterView(IClusterFeed feed, TimeProvider timeProvider, TimeSpan throttle) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private ClusterSnapshot _snapshot = feed.Current;
    private ClusterSubscription? _subscription;
    private Task _loop = Task.CompletedTask;

    /// <summary>The latest applied snapshot (the feed's current one until <see cref="Start"/>).</summary>
    public ClusterSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Called after each applied batch; awaited before the throttle starts.</summary>
    public Func<Task>? Changed { get; set; }

    /// <summary>How many batches were applied (a render counter for tests and diagnostics).</summary>
    public int BatchesApplied { get; private set; }

    /// <summary>The subscription loop; completes when stopped or when the feed completes.</summary>
    public Task Completion => _loop;

    public void Start()
    {
        if (_subscription is not null)
        {
            throw new InvalidOperationException("The view is already started.");
        }

        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        _subscription = feed.Subscribe();
        Volatile.Write(ref _snapshot, _subscription.Initial);
        _loop = RunAsync(_subscription, _stopping.Token);
    }

    private async Task RunAsync(ClusterSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var batch = await subscription.ReadBatchAsync(cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return;
                }

                Volatile.Write(ref _snapshot, Next(Snapshot, batch));
                BatchesApplied++;
                if (Changed is { } changed)
                {
                    await changed().ConfigureAwait(false);
                }

                if (throttle > TimeSpan.Zero)
                {
                    await Task.Delay(throttle, timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by DisposeAsync.
        }
    }

    /// <summary>
    /// The snapshot after <paramref name="batch"/>. When the feed's own snapshot has the version this batch leads to, it
    /// is the same picture (the same changes applied in the same order to the same start), so take it instead of a
    /// private copy: every circuit then shares one set of maps, and what is derived from them (<see cref="PodIndex"/>)
    /// is computed once, not once per open page. Otherwise (more changes published meanwhile) apply the batch.
    /// </summary>
    private ClusterSnapshot Next(ClusterSnapshot current, IReadOnlyList<ClusterChange> batch)
    {
        var version = current.Version;
        foreach (var change in batch)
        {
            version = change is Resynced resynced ? resynced.Snapshot.Version : version + 1;
        }

        var shared = feed.Current;
        return shared.Version == version ? shared : current.Apply(batch);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        finally
        {
            _subscription?.Dispose();
            _stopping.Dispose();
        }
    }
}
