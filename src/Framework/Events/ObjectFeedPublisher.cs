using k8s;
using k8s.Models;
using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Events;

/// <summary>
/// Publishes replication controllers, services, endpoints and events to the <see cref="ClusterFeed"/>: one
/// <see cref="StoreInformer{T}"/> per kind for the whole process (list, then watch), so every open page and hub
/// client reads the same picture instead of opening a store watch of its own. Pods reach the feed from the scheduler,
/// which already watches them. Runs as a hosted service; the informers keep only metadata (views are built from the
/// full object as it arrives). The events this process records reach the feed from the recorder, which has them at
/// hand; their echo is left out of the events watch rather than decoded again (an event per scheduled pod).
/// </summary>
public sealed class ObjectFeedPublisher(
    IObjectStore store, ClusterFeed feed, TimeProvider timeProvider, ILogger<ObjectFeedPublisher> logger, KubernetesEventRecorder? recorder = null) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        RunAsync<V1ReplicationController>(
            rc => new ReplicationControllerUpdated(ObjectViews.From(rc)),
            rc => new ReplicationControllerRemoved(rc.Metadata.NamespaceProperty, rc.Metadata.Name),
            stoppingToken),
        RunAsync<V1Service>(
            service => new ServiceUpdated(ObjectViews.From(service)),
            service => new ServiceRemoved(service.Metadata.NamespaceProperty, service.Metadata.Name),
            stoppingToken),
        RunAsync<V1Endpoints>(
            endpoints => new EndpointsUpdated(ObjectViews.From(endpoints)),
            endpoints => new EndpointsRemoved(endpoints.Metadata.NamespaceProperty, endpoints.Metadata.Name),
            stoppingToken),
        // An expired event is not announced: the bounded history lets it fall off as newer ones come.
        RunAsync<Corev1Event>(e => new EventRecorded(ObjectViews.From(e)), _ => null, stoppingToken, recorder?.Echoes));

    private async Task RunAsync<T>(Func<T, ClusterChange> updated, Func<T, ClusterChange?> removed, CancellationToken stoppingToken, OwnWrites? ownWrites = null)
        where T : class, IKubernetesObject<V1ObjectMeta>, new()
    {
        var informer = new StoreInformer<T>(store, timeProvider, logger, MetadataOnly.Of, ownWrites: ownWrites);
        try
        {
            await informer.RunAsync(
                (old, current) =>
                {
                    if ((current is null ? removed(old!) : updated(current)) is { } change)
                    {
                        feed.Publish(change);
                    }
                },
                stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
