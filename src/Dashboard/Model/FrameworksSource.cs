using KubeMesos.Framework.Events;
using KubeMesos.Framework.Mesos.Client;
using MasterCall = Mesos.V1.Master.Call;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// Reads the frameworks sharing the cluster from the master the framework is subscribed to (operator API GET_STATE over
/// HTTP). One per process: every open panel shares one request at a time and its answer for <see cref="MaxAge"/>, so
/// a hundred open pages cost the master what one does. Thread-safe.
/// </summary>
public sealed class FrameworksSource(MasterOperatorClient operatorApi, IClusterFeed feed, TimeProvider time)
{
    /// <summary>How long an answer is shared before the next caller asks the master again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(4);

    private readonly Lock _lock = new();
    private Task<IReadOnlyList<FrameworkRow>>? _latest;
    private DateTimeOffset _latestAt;

    /// <exception cref="InvalidOperationException">the framework is not subscribed to a master.</exception>
    /// <exception cref="HttpRequestException">the master could not be read.</exception>
    public Task<IReadOnlyList<FrameworkRow>> LoadAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_latest is { IsFaulted: false, IsCanceled: false } shared && now - _latestAt < MaxAge)
            {
                return shared.WaitAsync(ct);
            }

            // Not the caller's token: the shared request must not end because the first panel that asked went away.
            _latest = ReadAsync();
            _latestAt = now;
            return _latest.WaitAsync(ct);
        }
    }

    private async Task<IReadOnlyList<FrameworkRow>> ReadAsync()
    {
        var scheduler = feed.Current.Scheduler;
        if (!scheduler.Connected || !Uri.TryCreate(scheduler.Master, UriKind.Absolute, out var master))
        {
            throw new InvalidOperationException("Not subscribed to a Mesos master yet.");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var state = await operatorApi.CallAsync(master, MasterCall.Types.Type.GetState, timeout.Token).ConfigureAwait(false);
        return FrameworksModel.From(state.GetState ?? new());
    }
}
