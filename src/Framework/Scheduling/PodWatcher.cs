using k8s.Models;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// Feeds the scheduler loop from the object store: a full list, then every change from the list's version on, as a
/// Kubernetes informer does. Whoever writes a pod (dashboard, API, kubectl, a controller) is heard the same way.
/// When the watch falls too far behind (410 Gone) it lists again.
/// </summary>
public sealed partial class PodWatcher(IObjectStore store, SchedulerInbox inbox, TimeProvider timeProvider, ILogger<PodWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                inbox.OwnPodWrites.Clear();
                var version = await ListAsync(stoppingToken).ConfigureAwait(false);
                await foreach (var change in store.WatchAsync<V1Pod>(null, version, inbox.OwnPodWrites.Skip, stoppingToken).ConfigureAwait(false))
                {
                    inbox.Post(change.Type == StoreWatchEventType.Deleted
                        ? new PodGone($"{change.Object.Metadata.NamespaceProperty}/{change.Object.Metadata.Name}")
                        : new PodObserved(change.Object));
                }
            }
            catch (StoreVersionGoneException ex)
            {
                LogRelist(ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWatchFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<long> ListAsync(CancellationToken ct)
    {
        var pods = new List<V1Pod>();
        string? next = null;
        long version;
        do
        {
            var page = await store.ListAsync<V1Pod>(new StoreListOptions(Limit: 1000, Continue: next), ct).ConfigureAwait(false);
            pods.AddRange(page.Items);
            version = page.ResourceVersion;
            next = page.Continue;
        }
        while (next is not null);

        inbox.Post(new PodsListed(pods));
        return version;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod watch fell behind ({Reason}); listing again")]
    private partial void LogRelist(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pod watch failed; retrying")]
    private partial void LogWatchFailed(Exception ex);
}
