using System.Collections.Concurrent;
using KubeMesos.Dashboard.Hubs;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Bench.Ui;

/// <summary>
/// One SignalR client on <c>/hubs/cluster</c> streaming changes, as a browser script would; it keeps only the wall-clock
/// time it first received each pod whose name starts with the prefix, so its own memory is not mistaken for the server's.
/// </summary>
internal sealed class HubWatcher : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, double> _seen = new();
    private Task _reading = Task.CompletedTask;

    private HubWatcher(HubConnection hub) => _hub = hub;

    public IReadOnlyDictionary<string, double> Seen => _seen;

    public static async Task<HubWatcher> StartAsync(string baseUrl, string prefix, CancellationToken ct)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), ClusterHub.Path))
            .AddJsonProtocol(options => ClusterHubJson.Configure(options.PayloadSerializerOptions))
            .Build();
        await hub.StartAsync(ct).ConfigureAwait(false);
        var watcher = new HubWatcher(hub);
        var initial = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher._reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in hub.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), watcher._stop.Token).ConfigureAwait(false))
                {
                    if (change is PodUpdated { Pod.Name: var name } && name.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        watcher._seen.TryAdd(name, UiBenchRunner.WallClockMs());
                    }

                    initial.TrySetResult();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
        await initial.Task.WaitAsync(ct).ConfigureAwait(false);
        return watcher;
    }

    public async Task WaitForAsync(string name, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_seen.ContainsKey(name) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
        await _hub.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
