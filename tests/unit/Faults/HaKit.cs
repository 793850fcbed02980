using System.Net.Http.Json;
using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using KubeMesos.Dashboard.Hubs;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Framework.Store;
using KubeMesos.Tests.Unit.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR.Client;

namespace KubeMesos.Tests.Unit.Faults;

/// <summary>What the high-availability tests share: replicas on one etcd and one master, who leads, the follower's feed.</summary>
internal static class HaKit
{
    public const string ElectionName = "/kubemesos.io/leader";

    /// <summary>A replica of the app on <paramref name="etcd"/> against the master process, named <paramref name="id"/>.</summary>
    public static AppProcess Replica(AppProcess master, EtcdFixture etcd, DirectoryInfo data, string id) =>
        AppProcess.App(data.CreateSubdirectory(id).FullName,
        [
            .. FaultKit.AgainstMaster(master), $"--Store:Etcd={etcd.ClientUrl}", $"--Ha:ReplicaId={id}", "--Ha:LeaseTtl=00:00:04",
        ]);

    /// <summary>
    /// A master process and two replicas on <paramref name="etcd"/>, started in turn so that replica-a leads; returns
    /// once replica-b (the follower) names it, with what replica-b answered.
    /// </summary>
    public static async Task<LeaderAndFollower> StartLeaderAndFollowerAsync(EtcdFixture etcd, DirectoryInfo data)
    {
        var cluster = new LeaderAndFollower(AppProcess.Master(data.CreateSubdirectory("master").FullName, FaultKit.SmallAgents(2, 6)));
        try
        {
            await cluster.Master.StartAsync(FaultKit.Ct);
            cluster.A = Replica(cluster.Master, etcd, data, "replica-a");
            await cluster.A.StartAsync(FaultKit.Ct);
            await WaitForLeaderAsync(cluster.A, "replica-a");
            cluster.B = Replica(cluster.Master, etcd, data, "replica-b");
            await cluster.B.StartAsync(FaultKit.Ct);
            cluster.SeenByFollower = await WaitForLeaderAsync(cluster.B, "replica-a");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public sealed record LeaderAnswer(string? Leader, string Self, DateTimeOffset? Since);

    public static async Task<LeaderAnswer> LeaderAsync(AppProcess app)
    {
        using var http = new HttpClient();
        return (await http.GetFromJsonAsync<LeaderAnswer>(new Uri(app.Url, "apis/kubemesos.io/v1/leader"), FaultKit.Ct))!;
    }

    /// <summary>Asks <paramref name="app"/> who leads until it names <paramref name="leader"/> and since when.</summary>
    public static async Task<LeaderAnswer> WaitForLeaderAsync(AppProcess app, string leader)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(FaultKit.Ct);
        timeout.CancelAfter(FaultKit.Timeout);
        LeaderAnswer? last = null;
        try
        {
            while (true)
            {
                last = await LeaderAsync(app);
                // A new leader is in the election before it writes since when it leads (right after it won).
                if (last.Leader == leader && last.Since is not null)
                {
                    return last;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!FaultKit.Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{app.Name} at {app.Url} never named {leader} the leader; last {last}\n{app.RecentOutput}");
        }
    }

    /// <summary>Revokes the lease of whoever leads (the candidate key with the lowest create revision), as an operator could.</summary>
    public static async Task<long> RevokeLeaderLeaseAsync(EtcdFixture etcd)
    {
        using var client = EtcdClients.Create(etcd.ClientUrl);
        var connection = client.GetConnection();
        var prefix = ByteString.CopyFromUtf8(ElectionName + "/");
        var end = prefix.ToByteArray();
        end[^1]++;
        var range = await connection.KVClient.RangeAsync(new RangeRequest
        {
            Key = prefix,
            RangeEnd = ByteString.CopyFrom(end),
            SortTarget = RangeRequest.Types.SortTarget.Create,
            SortOrder = RangeRequest.Types.SortOrder.Ascend,
            Limit = 1,
        }, cancellationToken: FaultKit.Ct);
        var lease = Assert.Single(range.Kvs).Lease;
        await connection.LeaseClient.LeaseRevokeAsync(new LeaseRevokeRequest { ID = lease }, cancellationToken: FaultKit.Ct);
        return lease;
    }
}

/// <summary>A hub client of <c>/hubs/cluster</c> that keeps the cluster picture a replica streams (snapshot plus changes).</summary>
internal sealed class FeedWatch : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private readonly Lock _lock = new();
    private ClusterSnapshot _current = ClusterSnapshot.Empty();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FeedWatch(HubConnection connection)
    {
        _connection = connection;
        _reading = ReadAsync();
    }

    public static async Task<FeedWatch> StartAsync(AppProcess app)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Url, ClusterHub.Path.TrimStart('/')))
            .AddJsonProtocol(options => ClusterHubJson.Configure(options.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync(FaultKit.Ct);
        return new FeedWatch(connection);
    }

    public ClusterSnapshot Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public async Task<ClusterSnapshot> WaitForAsync(Func<ClusterSnapshot, bool> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(FaultKit.Ct);
        timeout.CancelAfter(FaultKit.Timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_current))
                {
                    return _current;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!FaultKit.Ct.IsCancellationRequested)
            {
                var c = Current;
                throw new TimeoutException($"Timed out waiting for the streamed picture: {what}; it has {c.Offers.Count} offers, {c.Agents.Count} agents, "
                                           + $"{c.Pods.Count} pods, {c.RecentPlacements.Count} placements, scheduler {c.Scheduler}");
            }
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var change in _connection.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), _stop.Token))
            {
                lock (_lock)
                {
                    _current = _current.Apply(change);
                    _changed.TrySetResult();
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HubException or IOException or InvalidOperationException)
        {
            // Stopped, or the app went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}

/// <summary>The master and the two replicas of <see cref="HaKit.StartLeaderAndFollowerAsync"/>, stopped in reverse order.</summary>
internal sealed class LeaderAndFollower(AppProcess master) : IAsyncDisposable
{
    public AppProcess Master { get; } = master;

    public AppProcess A { get; set; } = null!;

    public AppProcess B { get; set; } = null!;

    public HaKit.LeaderAnswer SeenByFollower { get; set; } = null!;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { B, A, Master })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
