using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Controllers;

/// <summary>
/// Keeps an Endpoints object beside every service that has a selector, as <see cref="EndpointsBuilder"/> computes it,
/// level-triggered: informers on services and pods say which service to look at; each reconcile reads the store, writes
/// only a change, and removes the Endpoints of a service that is gone. Services without a selector keep whatever
/// Endpoints their owner writes. One worker. Runs as a hosted service.
/// </summary>
public sealed partial class EndpointsController : BackgroundService
{
    private readonly IObjectStore _store;
    private readonly ControllerOptions _options;
    private readonly ILogger<EndpointsController> _logger;
    private readonly WorkQueue _queue;
    private readonly StoreInformer<V1Service> _services;
    private readonly SharedStoreInformer<V1Pod> _pods;

    public EndpointsController(IObjectStore store, SharedStoreInformer<V1Pod> pods, TimeProvider timeProvider, IOptions<ControllerOptions> options, ILogger<EndpointsController> logger)
    {
        _store = store;
        _options = options.Value;
        _logger = logger;
        _queue = new WorkQueue(timeProvider);
        _services = new StoreInformer<V1Service>(store, timeProvider, logger);
        // Pods are only looked at for their namespace and labels (old and new); reconciles read the store.
        _pods = pods;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var informers = Task.WhenAll(
            _services.RunAsync((old, current) => _queue.Add(StoreInformer<V1Service>.KeyOf((current ?? old)!)), stoppingToken),
            _pods.RunAsync(OnPodChanged, stoppingToken));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var key = await _queue.TakeAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await ReconcileAsync(key, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReconcileFailed(ex, key);
                    _queue.AddAfter(key, _options.RetryDelay, stoppingToken);
                }
            }
        }
        finally
        {
            await informers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // Old labels count too: a pod relabelled out of a selector must leave that service's endpoints.
    private void OnPodChanged(V1Pod? old, V1Pod? current)
    {
        var ns = (current ?? old)!.Metadata.NamespaceProperty;
        foreach (var service in _services.Items)
        {
            if (service.Metadata.NamespaceProperty == ns && EndpointsBuilder.SelectorOf(service) is { } selector
                && ((old is not null && selector.Matches(old.Metadata)) || (current is not null && selector.Matches(current.Metadata))))
            {
                _queue.Add(StoreInformer<V1Service>.KeyOf(service));
            }
        }
    }

    private async Task ReconcileAsync(string key, CancellationToken ct)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var ns = key[..slash];
        var name = key[(slash + 1)..];
        var service = await _store.GetAsync<V1Service>(ns, name, ct).ConfigureAwait(false);
        var existing = await _store.GetAsync<V1Endpoints>(ns, name, ct).ConfigureAwait(false);
        if (service is null)
        {
            if (existing is not null)
            {
                await DeleteQuietlyAsync(ns, name, existing.Metadata.ResourceVersion, ct).ConfigureAwait(false);
            }

            return;
        }

        if (EndpointsBuilder.SelectorOf(service) is null)
        {
            return;
        }

        var pods = (await _store.ListAsync<V1Pod>(new StoreListOptions(Namespace: ns), ct).ConfigureAwait(false)).Items;
        var subsets = EndpointsBuilder.Build(service, pods);
        if (existing is null)
        {
            await _store.CreateAsync(new V1Endpoints
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = service.Metadata.Labels },
                Subsets = subsets,
            }, ct).ConfigureAwait(false);
            return;
        }

        if (Same(existing.Subsets, subsets) && Same(existing.Metadata.Labels, service.Metadata.Labels))
        {
            return;
        }

        // With the read's resource version: a conflict means someone wrote meanwhile, and the retry recomputes.
        existing.Subsets = subsets;
        existing.Metadata.Labels = service.Metadata.Labels;
        await _store.UpdateAsync(existing, ct).ConfigureAwait(false);
    }

    private async Task DeleteQuietlyAsync(string ns, string name, string? version, CancellationToken ct)
    {
        try
        {
            await _store.DeleteAsync<V1Endpoints>(ns, name, version, ct).ConfigureAwait(false);
        }
        catch (StoreNotFoundException)
        {
            // Already gone: the goal.
        }
    }

    private static bool Same<T>(T? a, T? b)
    {
        static string Json(T? x) => x is null or System.Collections.ICollection { Count: 0 } ? string.Empty : KubernetesJson.Serialize(x);
        return Json(a) == Json(b);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling endpoints {Key} failed; retrying")]
    private partial void LogReconcileFailed(Exception ex, string key);
}
