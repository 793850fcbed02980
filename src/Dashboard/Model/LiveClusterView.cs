using KubeMesos.Framework.Events;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// A component's live copy of the cluster picture: the subscription's initial snapshot, then each batch of changes
/// applied in order. After each batch it calls <see cref="Changed"/> (the component re-renders) and then waits the
/// throttle before taking the next batch, so changes arriving meanwhile are coalesced into one render.
/// </summary>
/// <remarks>
/// Owned by one component: <see cref="Start"/> in <c>OnInitialized</c>, <see cref="DisposeAsync"/> in the component's
/// <c>DisposeAsync</c>, which cancels the loop, awaits it and ends the subscription. <see cref="Snapshot"/> may be read
/// from any thread; <see cref="Changed"/> is called from the loop's thread (marshal with <c>InvokeAsync</c>). A
/// <see cref="Changed"/> that throws (a failed render) is logged and the loop goes on with the next batch, as Aspire's
/// CallbackThrottler does: one bad render must not freeze the page.
/// <see cref="Pause"/> freezes <see cref="Snapshot"/> while batches keep being read into the latest picture (nothing is
/// lost and the subscription never falls behind); <see cref="Resume"/> shows the latest picture at once.
/// </remarks>
public sealed class LiveClusterView(IClusterFeed feed, TimeProvider timeProvider, TimeSpan throttle, ILogger? logger = null) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Lock _pauseLock = new();
    private ClusterSnapshot _snapshot = feed.Current;
    private ClusterSnapshot _latest = feed.Current;
    private bool _paused;
    private int _waiting;
    private ClusterSubscription? _subscription;
    private Task _loop = Task.CompletedTask;

    /// <summary>The shown snapshot: the latest applied one, or the one frozen by <see cref="Pause"/>.</summary>
    public ClusterSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>The latest applied snapshot, paused or not.</summary>
    public ClusterSnapshot Latest => Volatile.Read(ref _latest);

    /// <summary>Whether the shown snapshot is frozen.</summary>
    public bool IsPaused
    {
        get
        {
            lock (_pauseLock)
            {
                return _paused;
            }
        }
    }

    /// <summary>How many changes arrived since <see cref="Pause"/> (0 when not paused).</summary>
    public int WaitingChanges
    {
        get
        {
            lock (_pauseLock)
            {
                return _waiting;
            }
        }
    }

    /// <summary>How many times <see cref="Changed"/> threw (logged each time; the loop went on).</summary>
    public int FailedRenders { get; private set; }

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
        Volatile.Write(ref _latest, _subscription.Initial);
        _loop = RunAsync(_subscription, _stopping.Token);
    }

    /// <summary>Freezes <see cref="Snapshot"/>; changes keep arriving and are counted in <see cref="WaitingChanges"/>.</summary>
    public void Pause()
    {
        lock (_pauseLock)
        {
            _paused = true;
        }
    }

    /// <summary>Shows every change that arrived while paused (the latest picture) and counts from zero again.</summary>
    public void Resume()
    {
        lock (_pauseLock)
        {
            _paused = false;
            _waiting = 0;
            Volatile.Write(ref _snapshot, Latest);
        }
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

                var next = Next(Latest, batch);
                lock (_pauseLock)
                {
                    Volatile.Write(ref _latest, next);
                    if (_paused)
                    {
                        _waiting += batch.Count;
                    }
                    else
                    {
                        Volatile.Write(ref _snapshot, next);
                    }
                }

                BatchesApplied++;
                if (Changed is { } changed)
                {
                    try
                    {
                        await changed().ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        FailedRenders++;
                        _logger.LogError(e, "A live view's render failed; the next batch renders again");
                    }
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
