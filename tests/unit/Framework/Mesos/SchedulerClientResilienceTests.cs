using k8s.Models;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Framework.Mesos;

/// <summary>
/// The scheduler client against the embedded master through a loopback proxy that injects real network faults.
/// </summary>
public sealed class SchedulerClientResilienceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static async Task<(FrameworkHost Host, TcpFaultProxy Proxy)> StartBehindProxyAsync()
    {
        FrameworkHost? host = null;
        var proxy = new TcpFaultProxy(() => host!.Services.GetRequiredService<EmbeddedMesosMaster>().Started);
        host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Master"] = proxy.Address.ToString(),
            ["Mesos:Embedded:HeartbeatInterval"] = "00:00:00.200",
            ["Mesos:MissedHeartbeatsTolerated"] = "3",
            ["Mesos:MinReconnectDelay"] = "00:00:00.050",
            ["Mesos:MaxReconnectDelay"] = "00:00:00.500",
        });
        return (host, proxy);
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.25" }] },
    };

    [Fact]
    public async Task StreamDropped_Resubscribes_WithSameFrameworkId_AndPodsStayRunning()
    {
        var (host, proxy) = await StartBehindProxyAsync();
        await using var _ = host;
        await using var __ = proxy;
        var before = await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "first subscription");
        await host.Pods.CreateAsync(Pod("steady"), TestContext.Current.CancellationToken);
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods.TryGetValue("default/steady", out var p) && p.Phase == PodPhases.Running, Timeout, "steady Running");

        using var subscription = host.Feed.Subscribe();
        proxy.DropAll();

        // Disconnected, then connected again, as seen on the feed in that order.
        var snapshot = subscription.Initial;
        var sawDisconnect = false;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(Timeout);
        while (!(sawDisconnect && snapshot.Scheduler.Connected))
        {
            // Change by change: a disconnect and the reconnect may arrive in one batch.
            foreach (var change in await subscription.ReadBatchAsync(cts.Token))
            {
                snapshot = snapshot.Apply(change);
                sawDisconnect |= !snapshot.Scheduler.Connected;
            }
        }

        Assert.Equal(before.Scheduler.FrameworkId, snapshot.Scheduler.FrameworkId);
        Assert.Single(host.Services.GetRequiredService<EmbeddedMesosMaster>().GetFrameworks());
        Assert.Equal(PodPhases.Running, (await host.Pods.GetAsync("default", "steady", TestContext.Current.CancellationToken))!.Status.Phase);
    }

    [Fact]
    public async Task Partition_MissedHeartbeats_StreamDeclaredDead_ThenResubscribes()
    {
        var (host, proxy) = await StartBehindProxyAsync();
        await using var _ = host;
        await using var __ = proxy;
        var before = await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "first subscription");

        proxy.Pause();
        var lost = await FeedWaiter.WaitForAsync(host.Feed, s => !s.Scheduler.Connected, Timeout, "the client to notice missed heartbeats");
        Assert.Equal("missed heartbeats", lost.Scheduler.LastError);

        proxy.Resume();
        var after = await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "resubscription");
        Assert.Equal(before.Scheduler.FrameworkId, after.Scheduler.FrameworkId);
    }
}
