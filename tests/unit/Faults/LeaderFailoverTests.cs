using System.Net;
using k8s;
using k8s.Models;
using KubeMesos.Tests.Unit.Framework.Store;
using KubeMesos.Tests.Unit.Support;
using static KubeMesos.Tests.Unit.Faults.FaultKit;
using static KubeMesos.Tests.Unit.Faults.HaKit;

namespace KubeMesos.Tests.Unit.Faults;

/// <summary>
/// Issue 14 §1: two replicas of the app on one real etcd and one master process. One leads (it schedules), the other
/// follows: it serves the API and the live views from etcd. The leader dies with kill -9; the follower takes over,
/// resubscribes as the same framework and reconciles; pods created after that run, and nothing was lost or launched twice.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class LeaderFailoverTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>, IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-ha-");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _data.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task LeaderKilled_FollowerTakesOverSameFramework_NewPodsRun_NothingLostOrLaunchedTwice()
    {
        await using var cluster = await StartLeaderAndFollowerAsync(etcd, _data);
        var (master, a, b, seenByB) = (cluster.Master, cluster.A, cluster.B, cluster.SeenByFollower);
        Assert.Equal("replica-b", seenByB.Self);
        Assert.NotNull(seenByB.Since);

        // The follower's live views: the leader's offers, agents, placements and master link reach it through etcd. Offers
        // are watched for from the start: once nothing waits, the leader suppresses and its last offers go back.
        var client = Client(b);
        string? frameworkId;
        IList<V1Pod> before;
        await using (var feed = await FeedWatch.StartAsync(b))
        {
            // Written through the follower, scheduled by the leader.
            await client.CoreV1.CreateNamespacedReplicationControllerAsync(Rc("web", 3), "default", cancellationToken: Ct);
            await client.CoreV1.CreateNamespacedPodAsync(Pod("solo"), "default", cancellationToken: Ct);
            await feed.WaitForAsync(s => s.Scheduler.Connected && s.Agents.Count == 2 && s.Offers.Count > 0, "the follower shows the leader's offers");
            before = await WaitForPodsAsync(client, pods => pods.Count == 4 && pods.All(IsRunning), "4 pods running", a);
            frameworkId = await FrameworkIdAsync(client);
            Assert.NotNull(frameworkId);
            var picture = await feed.WaitForAsync(
                s => s.Scheduler.Connected && s.Agents.Count == 2 && s.RecentPlacements.Any(p => p.Name == "solo")
                     && s.Pods.Count == 4 && s.Pods.Values.All(p => p.Phase == "Running"),
                "the follower shows the leader's agents, placements and running pods");
            Assert.Equal(frameworkId, picture.Scheduler.FrameworkId);
        }

        // The scheduler's own answers come from the leader; the follower says whom to ask.
        using var http = new HttpClient();
        using (var explain = await http.GetAsync(new Uri(b.Url, "apis/kubemesos.io/v1/namespaces/default/pods/solo/explanation"), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, explain.StatusCode);
            Assert.Contains("ask the leader, replica-a", await explain.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await a.KillAsync();
        var takeover = await WaitForLeaderAsync(b, "replica-b");
        Assert.Equal("replica-b", takeover.Self);
        Assert.True(takeover.Since > seenByB.Since, $"the new term starts later: {takeover.Since} after {seenByB.Since}");
        await b.WaitForOutputAsync("Replica replica-b is the leader", 1, FaultKit.Timeout, Ct);

        // Pods created after the takeover run; the RC's and the solo pod are the same ones (nothing relaunched).
        await client.CoreV1.CreateNamespacedPodAsync(Pod("after"), "default", cancellationToken: Ct);
        var after = await WaitForPodsAsync(client, pods => pods.Count == 5 && pods.All(IsRunning), "5 pods running after the takeover", b);
        Assert.Superset(before.Select(p => p.Metadata.Uid).ToHashSet(), after.Select(p => p.Metadata.Uid).ToHashSet());
        Assert.Equal(frameworkId, await FrameworkIdAsync(client));
        await ProbeAsync(client, "probe", b);
        await AssertStoreMatchesMasterAsync(client, master.Url, frameworkId!);
        var ours = (await MasterTasksAsync(master.Url)).ToList();
        Assert.All(ours, t => Assert.Equal(frameworkId, t.FrameworkId));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(b.Url, "readyz"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(b.Url, "apis/kubemesos.io/v1/namespaces/default/pods/after/explanation"), Ct)).StatusCode);
        Report($"leader kill -9: replica-b took over as framework {frameworkId}; pods before {before.Count} running, after {after.Count(IsRunning)} "
               + $"running (1 created after the takeover); master tasks {ours.Count}, none twice; lost 0");
    }
}

/// <summary>
/// Issue 14 §1: a leader whose lease is revoked (as when etcd expires it) stops the scheduler, the Mesos subscription and
/// the controllers at once, then exits for its supervisor to restart it as a follower; the other replica takes over.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class LeaseLossTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>, IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-ha-");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _data.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task LeaderLeaseRevoked_StopsSchedulingAtOnceAndExits_OtherReplicaLeads()
    {
        await using var cluster = await StartLeaderAndFollowerAsync(etcd, _data);
        var (master, a, b) = (cluster.Master, cluster.A, cluster.B);
        var client = Client(b);
        await client.CoreV1.CreateNamespacedReplicationControllerAsync(Rc("web", 2), "default", cancellationToken: Ct);
        var before = await WaitForPodsAsync(client, pods => pods.Count == 2 && pods.All(IsRunning), "2 pods running", a);
        var frameworkId = await FrameworkIdAsync(client);

        await RevokeLeaderLeaseAsync(etcd);
        Assert.Equal(1, await a.WaitForExitAsync(FaultKit.Timeout, Ct));
        var log = a.OutputLines("replica-a");
        var stopped = log.ToList().FindIndex(l => l.Contains("lost leadership: stopped the scheduler", StringComparison.Ordinal));
        var exiting = log.ToList().FindIndex(l => l.Contains("exits after losing leadership", StringComparison.Ordinal));
        Assert.True(stopped >= 0 && exiting > stopped, "the old leader stopped scheduling, then exited:\n" + string.Join('\n', log));

        await WaitForLeaderAsync(b, "replica-b");
        await client.CoreV1.CreateNamespacedPodAsync(Pod("after"), "default", cancellationToken: Ct);
        var after = await WaitForPodsAsync(client, pods => pods.Count == 3 && pods.All(IsRunning), "3 pods running under the new leader", b);
        Assert.Superset(before.Select(p => p.Metadata.Uid).ToHashSet(), after.Select(p => p.Metadata.Uid).ToHashSet());
        await ProbeAsync(client, "probe", b);
        await AssertStoreMatchesMasterAsync(client, master.Url, frameworkId!);
        Report($"lease revoked: replica-a stopped scheduling and exited 1; replica-b leads framework {frameworkId}; {after.Count} pods running, none twice");
    }
}

/// <summary>Issue 14 §4: <c>/readyz</c> is 503 until the leader has subscribed to a master, 200 after; <c>/healthz</c> is 200 throughout.</summary>
[Collection(FaultCollection.Name)]
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-ready-");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _data.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Readyz_FalseBeforeSubscription_TrueAfter()
    {
        // The master's ports are chosen now; it starts only after the app has shown it is not ready.
        await using var master = AppProcess.Master(_data.CreateSubdirectory("master").FullName, SmallAgents(1, 2));
        await using var app = AppProcess.App(_data.CreateSubdirectory("app").FullName, AgainstMaster(master));
        await app.StartAsync(Ct);
        using var http = new HttpClient();
        await app.WaitForOutputAsync("resubscribing in", 1, FaultKit.Timeout, Ct);
        using (var notReady = await http.GetAsync(new Uri(app.Url, "readyz"), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Contains("not subscribed to a Mesos master", await notReady.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(app.Url, "healthz"), Ct)).StatusCode);
        var leader = await LeaderAsync(app);
        Assert.Equal(leader.Self, leader.Leader);

        await master.StartAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(FaultKit.Timeout);
        HttpStatusCode status;
        while ((status = (await http.GetAsync(new Uri(app.Url, "readyz"), timeout.Token)).StatusCode) != HttpStatusCode.OK)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }

        var ready = await http.GetStringAsync(new Uri(app.Url, "readyz"), Ct);
        Assert.Contains("subscribed as framework", ready, StringComparison.Ordinal);
    }
}
