using k8s.Models;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using static KubeMesos.Tests.Unit.Support.ScriptedEvents;
using MesosTaskStatus = global::Mesos.V1.TaskStatus;

namespace KubeMesos.Tests.Unit.Faults;

/// <summary>
/// Issue 11, fault 4: faults on the event stream, each ending consistent. The scripted ones run against
/// <see cref="ScriptedMaster"/> (a real HTTP peer whose stream the test writes); the network ones put
/// <see cref="TcpFaultProxy"/> between the framework and the embedded master. Dropped streams and missed heartbeats
/// alone are covered in SchedulerClientResilienceTests; here they strike while pods run, and the store is checked
/// against the master afterwards.
/// </summary>
public sealed class StreamFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ScriptedMaster Master, FrameworkHost Host)> StartScriptedAsync()
    {
        var master = await ScriptedMaster.StartAsync();
        var host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Master"] = master.Address.ToString(),
            ["Mesos:Embedded:Enabled"] = "false",
            ["Mesos:MinReconnectDelay"] = "00:00:00.050",
            ["Scheduler:OfferHoldTime"] = "00:00:00.300",
            ["Scheduler:HousekeepingInterval"] = "00:00:00.100",
            ["Scheduler:InitialBackoff"] = "00:00:00.050",
        });
        master.Send(Subscribed());
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "SUBSCRIBED");
        return (master, host);
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
    };

    /// <summary>Creates the pod, offers O-<paramref name="name"/> and returns the launched task id.</summary>
    private static async Task<string> LaunchAsync(ScriptedMaster master, FrameworkHost host, string name, string offerId)
    {
        await host.Pods.CreateAsync(Pod(name), Ct);
        await FeedWaiter.WaitForAsync(host.Feed, s => s.PendingQueue.Any(p => p.Name == name), Timeout, $"{name} pending");
        master.Send(Offer(offerId));
        var accept = await master.NextCallAsync(Call.Types.Type.Accept, Timeout);
        Assert.Equal([offerId], accept.Accept.OfferIds.Select(o => o.Value));
        return accept.Accept.Operations[0].LaunchGroup.TaskGroup.Tasks[0].TaskId.Value;
    }

    private static Task PhaseAsync(FrameworkHost host, string name, string phase) =>
        FeedWaiter.WaitForAsync(host.Feed, s => s.Pods.TryGetValue($"default/{name}", out var p) && p.Phase == phase, Timeout, $"{name} {phase}");

    [Fact]
    public async Task DuplicateAndReorderedUpdates_EachAcknowledged_PodEndsInTheNewestState()
    {
        var (master, host) = await StartScriptedAsync();
        await using var _ = master;
        await using var __ = host;
        var taskId = await LaunchAsync(master, host, "web", "O1");

        var running = Update(taskId, TaskState.TaskRunning, uuid: true);
        master.Send(running);
        await PhaseAsync(host, "web", PodPhases.Running);
        master.Send(running);                                                                               // duplicate: a resend that crossed our ACK
        master.Send(Update(taskId, TaskState.TaskStaging, uuid: false, MesosTaskStatus.Types.Reason.Reconciliation)); // reordered: an old reconciliation answer
        master.Send(Update(taskId, TaskState.TaskStarting, uuid: true));                                  // reordered: older than RUNNING

        // Every update with a uuid is acknowledged, duplicates included, or the master would resend it for ever; each
        // ACK goes out after the pod's queued write, so after the third every earlier update is in the store.
        var acks = new List<Call>();
        for (var i = 0; i < 3; i++)
        {
            acks.Add(await master.NextCallAsync(Call.Types.Type.Acknowledge, Timeout));
        }

        Assert.All(acks, a => Assert.Equal(taskId, a.Acknowledge.TaskId.Value));
        Assert.Equal(2, acks.Count(a => a.Acknowledge.Uuid == running.Update.Status.Uuid));
        Assert.Equal(PodPhases.Running, (await host.Pods.GetAsync("default", "web", Ct))!.Status.Phase);

        // A terminal state, then a late RUNNING from before it: the pod stays finished.
        master.Send(Update(taskId, TaskState.TaskFailed, uuid: true));
        master.Send(Update(taskId, TaskState.TaskRunning, uuid: true));
        await PhaseAsync(host, "web", PodPhases.Failed);
        await master.NextCallAsync(Call.Types.Type.Acknowledge, Timeout);
        await master.NextCallAsync(Call.Types.Type.Acknowledge, Timeout);
        var pod = await host.Pods.GetAsync("default", "web", Ct);
        Assert.Equal(PodPhases.Failed, pod!.Status.Phase);
        Assert.True(host.Services.GetRequiredService<SchedulerCounters>().StaleUpdates >= 3);
    }

    [Fact]
    public async Task OfferRescindedWhileAccepted_LaunchDropped_PodQueuedAgain_LaunchedOnceOnTheNextOffer()
    {
        var (master, host) = await StartScriptedAsync();
        await using var _ = master;
        await using var __ = host;
        var taskId = await LaunchAsync(master, host, "web", "O1");

        // The master had rescinded O1 as the ACCEPT arrived: it answers the launch with TASK_DROPPED (REASON_INVALID_OFFERS).
        master.Send(new Event { Type = Event.Types.Type.Rescind, Rescind = new Event.Types.Rescind { OfferId = new OfferID { Value = "O1" } } });
        master.Send(Update(taskId, TaskState.TaskDropped, uuid: false, MesosTaskStatus.Types.Reason.InvalidOffers));
        await FeedWaiter.WaitForAsync(host.Feed, s => s.PendingQueue.Any(p => p.Name == "web"), Timeout, "web queued again");

        master.Send(Offer("O2"));
        var second = await master.NextCallAsync(Call.Types.Type.Accept, Timeout);
        Assert.Equal(["O2"], second.Accept.OfferIds.Select(o => o.Value));
        Assert.Equal(taskId, second.Accept.Operations[0].LaunchGroup.TaskGroup.Tasks[0].TaskId.Value);
        master.Send(Update(taskId, TaskState.TaskRunning, uuid: true));
        await PhaseAsync(host, "web", PodPhases.Running);

        // One launch per offer, and no third: the pod runs once.
        master.Send(Offer("O3"));
        var decline = await master.NextCallAsync(Call.Types.Type.Decline, Timeout);
        Assert.Equal(["O3"], decline.Decline.OfferIds.Select(o => o.Value));
    }

    [Fact]
    public async Task AgentLostMidLaunch_PodFailsAsNodeLost_LateUpdateIgnored()
    {
        var (master, host) = await StartScriptedAsync();
        await using var _ = master;
        await using var __ = host;
        var taskId = await LaunchAsync(master, host, "web", "O1");
        master.Send(Update(taskId, TaskState.TaskStarting, uuid: true));

        // The agent is removed before the task runs: FAILURE for the agent, then the master's TASK_GONE for the task.
        master.Send(new Event { Type = Event.Types.Type.Failure, Failure = new Event.Types.Failure { AgentId = new AgentID { Value = AgentId } } });
        master.Send(Update(taskId, TaskState.TaskGone, uuid: false, MesosTaskStatus.Types.Reason.AgentRemoved));
        await PhaseAsync(host, "web", PodPhases.Failed);
        var pod = await host.Pods.GetAsync("default", "web", Ct);
        Assert.Equal("NodeLost", pod!.Status.Reason);
        Assert.Contains(await host.EventsAsync(), e => e.Type == "Warning" && e.Reason == "NodeLost" && e.InvolvedObject.Name == "web");

        // A RUNNING that was already on its way changes nothing, and no second launch happens for a bare pod.
        master.Send(Update(taskId, TaskState.TaskRunning, uuid: true));
        await master.NextCallAsync(Call.Types.Type.Acknowledge, Timeout);
        Assert.Equal(PodPhases.Failed, (await host.Pods.GetAsync("default", "web", Ct))!.Status.Phase);
        Assert.DoesNotContain(host.Feed.Current.PendingQueue, p => p.Name == "web");
    }

    [Fact]
    public async Task MissedHeartbeatsWhilePodsRun_Resubscribes_StoreMatchesMaster()
    {
        FrameworkHost? host = null;
        var proxy = new TcpFaultProxy(() => host!.Services.GetRequiredService<EmbeddedMesosMaster>().Started);
        await using var __ = proxy;
        host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Master"] = proxy.Address.ToString(),
            ["Mesos:Embedded:HeartbeatInterval"] = "00:00:00.200",
            ["Mesos:MissedHeartbeatsTolerated"] = "3",
            ["Mesos:MinReconnectDelay"] = "00:00:00.050",
            ["Mesos:MaxReconnectDelay"] = "00:00:00.500",
        });
        await using var _ = host;
        var before = await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "subscribed");
        for (var i = 0; i < 5; i++)
        {
            await host.Pods.CreateAsync(Pod($"web-{i}"), Ct);
        }

        await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods.Values.Count(p => p.Phase == PodPhases.Running) == 5, Timeout, "5 running");

        // A partition: the stream stalls (no heartbeats) while the pods' tasks run on; then it heals.
        proxy.Pause();
        await FeedWaiter.WaitForAsync(host.Feed, s => !s.Scheduler.Connected, Timeout, "missed heartbeats noticed");
        proxy.Resume();
        var after = await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "resubscribed");
        Assert.Equal(before.Scheduler.FrameworkId, after.Scheduler.FrameworkId);

        // A new pod that runs is a barrier: the reconciliation sent on resubscribing was answered before its launch.
        await host.Pods.CreateAsync(Pod("probe"), Ct);
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods.TryGetValue("default/probe", out var p) && p.Phase == PodPhases.Running, Timeout, "probe running");
        var master = host.Services.GetRequiredService<EmbeddedMesosMaster>();
        var tasks = master.GetTasks().Where(t => t.FrameworkId == after.Scheduler.FrameworkId).ToList();
        var pods = (await host.Pods.ListAsync(Ct)).Where(p => p.Status?.Phase == PodPhases.Running).ToList();
        Assert.Equal(6, pods.Count);
        Assert.Equal(
            pods.Select(p => PodTaskIds.Task(p, "main")).Order(StringComparer.Ordinal),
            tasks.Where(t => t.State == "TASK_RUNNING").Select(t => t.TaskId).Order(StringComparer.Ordinal));
        Assert.Equal(tasks.Count, tasks.Select(t => t.TaskId).Distinct().Count());
    }
}
