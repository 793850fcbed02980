using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using KubeMesos.Framework.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Leadership;

/// <summary>
/// On the leader: writes its <see cref="SchedulingPicture"/> to <see cref="LeadershipOptions.SchedulingKey"/> when it
/// changed, at most every <see cref="LeadershipOptions.PublishInterval"/>, bound to the leader's lease (so it goes
/// with the leader). The followers' <see cref="SchedulingFeedFollower"/> turns it back into feed changes.
/// <para>
/// Why etcd and not the leader's hub: every replica already has etcd, so the followers need no address, credentials
/// or reconnection logic for the leader, and the key's lifetime is the leader's term by construction.
/// </para>
/// </summary>
public sealed partial class SchedulingFeedPublisher(
    LeadershipEtcd etcd,
    IClusterFeed feed,
    LeadershipState state,
    IOptions<LeadershipOptions> options,
    TimeProvider timeProvider,
    ILogger<SchedulingFeedPublisher> logger) : BackgroundService
{
    private readonly KV.KVClient _kv = etcd.Client.GetConnection().KVClient;
    private readonly ByteString _key = ByteString.CopyFromUtf8(options.Value.SchedulingKey);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PublishInterval, timeProvider);
        var published = -1L;
        string? last = null;
        try
        {
            do
            {
                var snapshot = feed.Current;
                if (snapshot.Version == published || state.LeaseId == 0)
                {
                    continue;
                }

                var json = SchedulingPicture.Of(snapshot).ToJson();
                if (json != last)
                {
                    try
                    {
                        await _kv.PutAsync(new PutRequest { Key = _key, Value = ByteString.CopyFromUtf8(json), Lease = state.LeaseId }, cancellationToken: stoppingToken)
                            .ConfigureAwait(false);
                        last = json;
                    }
                    catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        LogPublishFailed(ex.Status.Detail);
                        continue;
                    }
                }

                published = snapshot.Version;
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // No longer leading.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the scheduling picture to etcd failed: {Error}; retrying")]
    private partial void LogPublishFailed(string error);
}
