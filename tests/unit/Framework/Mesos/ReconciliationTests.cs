using k8s.Models;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using static KubeMesos.Tests.Unit.Support.ScriptedEvents;
using Mesos.V1;
using Mesos.V1.Scheduler;
using MesosTaskStatus = global::Mesos.V1.TaskStatus;

namespace KubeMesos.Tests.Unit.Framework.Mesos;

/// <summary>
/// Reconciliation, offer hold and SUPPRESS/REVIVE against a scripted master, whose answers the test chooses
/// (including what the embedded master would never say, such as forgetting a task).
/// </summary>
public sealed class ReconciliationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static async Task<(ScriptedMaster Master, FrameworkHost Host)> StartAsync()
    {
        var master = await ScriptedMaster.StartAsync();
        var host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Master"] = master.Address.ToString(),
            ["Mesos:Embedded:Enabled"] = "false",
            ["Mesos:MinReconnectDelay"] = "00:00:00.050",
            ["Scheduler:OfferHoldTime"] = "00:00:00.300",
            ["Scheduler:HousekeepingInterval"] = "00:00:00.100",
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

    [Fact]
    public async Task Resubscribe_ExplicitThenImplicit_TaskMasterForgot_MarkedLost()
    {
        var (master, host) = await StartAsync();
        await using var _ = master;
        await using var __ = host;
        Assert.Empty((await master.NextCallAsync(Call.Types.Type.Reconcile, Timeout)).Reconcile.Tasks);
        // The pod waits first, so the offer (held only 300 ms here) is used as soon as it arrives.
        await host.Pods.CreateAsync(Pod("web"), TestContext.Current.CancellationToken);
        await FeedWaiter.WaitForAsync(host.Feed, s => s.PendingQueue.Any(p => p.Name == "web"), Timeout, "web pending");
        master.Send(Offer("O1"));
        var taskId = (await master.NextCallAsync(Call.Types.Type.Accept, Timeout)).Accept.Operations[0].LaunchGroup.TaskGroup.Tasks[0].TaskId.Value;
        master.Send(Update(taskId, TaskState.TaskRunning, uuid: true));
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods["default/web"].Phase == PodPhases.Running, Timeout, "Running");

        master.EndStream();
        var resubscribe = await master.NextCallAsync(Call.Types.Type.Subscribe, Timeout);
        master.Send(Subscribed());

        Assert.Equal("fw-1", resubscribe.FrameworkId.Value);
        Assert.Equal("fw-1", resubscribe.Subscribe.FrameworkInfo.Id.Value);
        var explicitCall = await master.NextCallAsync(Call.Types.Type.Reconcile, Timeout);
        Assert.Equal([(taskId, "S0")], explicitCall.Reconcile.Tasks.Select(t => (t.TaskId.Value, t.AgentId.Value)));
        Assert.Empty((await master.NextCallAsync(Call.Types.Type.Reconcile, Timeout)).Reconcile.Tasks);

        // The master does not know the task any more (its answer to explicit reconciliation): the pod is lost.
        master.Send(Update(taskId, TaskState.TaskGone, uuid: false, MesosTaskStatus.Types.Reason.Reconciliation));
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods["default/web"].Phase == PodPhases.Failed, Timeout, "the forgotten task's pod to fail");
        Assert.Equal(KubeMesos.Framework.Scheduling.TaskGone.Reason, (await host.Pods.GetAsync("default", "web", TestContext.Current.CancellationToken))!.Status.Reason);
    }

    [Fact]
    public async Task ImplicitReconcile_TaskNobodyOwns_IsKilled()
    {
        var (master, host) = await StartAsync();
        await using var _ = master;
        await using var __ = host;

        // The answer to the scheduler's implicit reconciliation, which it sends once it has read the store: an update
        // before that is not acted on (every task would look unknown), and sending it earlier raced the store's list.
        Assert.Empty((await master.NextCallAsync(Call.Types.Type.Reconcile, Timeout)).Reconcile.Tasks);
        master.Send(Update("ghost.main", TaskState.TaskRunning, uuid: false, MesosTaskStatus.Types.Reason.Reconciliation));

        var kill = await master.NextCallAsync(Call.Types.Type.Kill, Timeout);
        Assert.Equal("ghost.main", kill.Kill.TaskId.Value);
        Assert.Equal("S0", kill.Kill.AgentId.Value);
    }

    [Fact]
    public async Task Offers_UnusedHeldTooLong_DeclinedWithRefuseSeconds_SuppressWhenIdle_ReviveForNewPod()
    {
        var (master, host) = await StartAsync();
        await using var _ = master;
        await using var __ = host;

        // Nothing pending after subscribing: no more offers, please.
        var suppress = await master.NextCallAsync(Call.Types.Type.Suppress, Timeout);
        Assert.Equal(["kubemesos"], suppress.Suppress.Roles);

        master.Send(Offer("O-idle"));
        var decline = await master.NextCallAsync(Call.Types.Type.Decline, Timeout);
        Assert.Equal(["O-idle"], decline.Decline.OfferIds.Select(o => o.Value));
        Assert.Equal(5, decline.Decline.Filters.RefuseSeconds);
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Offers.IsEmpty, Timeout, "the declined offer to leave the feed");

        await host.Pods.CreateAsync(Pod("late"), TestContext.Current.CancellationToken);
        var revive = await master.NextCallAsync(Call.Types.Type.Revive, Timeout);
        Assert.Equal(["kubemesos"], revive.Revive.Roles);
    }
}
