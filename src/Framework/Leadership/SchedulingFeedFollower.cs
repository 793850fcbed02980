using System.Globalization;
using System.Text.Json;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using k8s.Models;
using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Leadership;

/// <summary>
/// On a follower: keeps the live views (offers, queue, placements, agents, the master link) as the leader sees them.
/// Pods come from the store (an informer, as the leader's scheduler does; their placement and pending reason are in
/// the stored objects), the rest from the leader's <see cref="SchedulingPicture"/> in etcd, applied as feed changes.
/// Stopped when this replica starts leading: then its own scheduler publishes all of it.
/// </summary>
public sealed partial class SchedulingFeedFollower(
    LeadershipEtcd etcd,
    IObjectStore store,
    ClusterFeed feed,
    IOptions<LeadershipOptions> options,
    IOptions<SchedulerOptions> schedulerOptions,
    TimeProvider timeProvider,
    ILogger<SchedulingFeedFollower> logger) : BackgroundService
{
    private readonly KV.KVClient _kv = etcd.Client.GetConnection().KVClient;
    private readonly Watch.WatchClient _watch = etcd.Client.GetConnection().WatchClient;
    private readonly ByteString _key = ByteString.CopyFromUtf8(options.Value.SchedulingKey);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // The mirrored offers were the old leader's; the new scheduler publishes its own.
        feed.Publish([.. feed.Current.Offers.Keys.Select(id => new OfferRemoved(id, OfferRemovalReason.Withdrawn))]);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FollowPodsAsync(stoppingToken), FollowPictureAsync(stoppingToken));

    private async Task FollowPodsAsync(CancellationToken stoppingToken)
    {
        var informer = new StoreInformer<V1Pod>(store, timeProvider, logger, MetadataOnly.Of);
        try
        {
            await informer.RunAsync(
                (old, current) => feed.Publish(current is null
                    ? new PodRemoved(old!.Metadata.NamespaceProperty, old.Metadata.Name)
                    : new PodUpdated(PodViews.From(current, schedulerOptions.Value, CreationIndex(current)))),
                stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Leading now, or stopping.
        }
    }

    private static long CreationIndex(V1Pod pod) =>
        long.TryParse(pod.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;

    private async Task FollowPictureAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var read = await _kv.RangeAsync(new RangeRequest { Key = _key }, cancellationToken: stoppingToken).ConfigureAwait(false);
                Apply(read.Kvs.Count == 0 ? null : read.Kvs[0].Value);
                using var call = _watch.Watch(cancellationToken: stoppingToken);
                await call.RequestStream.WriteAsync(
                    new WatchRequest { CreateRequest = new WatchCreateRequest { Key = _key, StartRevision = read.Header.Revision + 1 } }, stoppingToken).ConfigureAwait(false);
                while (await call.ResponseStream.MoveNext(stoppingToken).ConfigureAwait(false))
                {
                    var response = call.ResponseStream.Current;
                    if (response.Canceled || response.CompactRevision != 0)
                    {
                        break;
                    }

                    foreach (var change in response.Events)
                    {
                        Apply(change.Type == Mvccpb.Event.Types.EventType.Delete ? null : change.Kv.Value);
                    }
                }
            }
            catch (Exception ex) when (stoppingToken.IsCancellationRequested && ex is OperationCanceledException or RpcException)
            {
                return;
            }
            catch (RpcException ex)
            {
                LogFollowFailed(ex.Status.Detail);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Applies the leader's picture (null: no leader publishes one).</summary>
    private void Apply(ByteString? value)
    {
        SchedulingPicture picture;
        try
        {
            picture = value is null ? SchedulingPicture.NoLeader(feed.Current) : SchedulingPicture.Parse(value.ToStringUtf8());
        }
        catch (JsonException ex)
        {
            LogBadPicture(ex.Message);
            return;
        }

        feed.Publish(picture.ChangesFrom(feed.Current));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following the leader's scheduling picture failed: {Error}; following again")]
    private partial void LogFollowFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The leader's scheduling picture does not decode ({Error}); ignored")]
    private partial void LogBadPicture(string error);
}
