using k8s.Models;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using static KubeMesos.Tests.Unit.Support.ScriptedEvents;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Framework.Mesos;

/// <summary>Malformed and out-of-order events from a master are logged and counted and never corrupt state.</summary>
public sealed class BadMasterInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ScriptedStream_GarbageStaleAndUnknown_CountedSkippedStateIntact()
    {
        await using var master = await ScriptedMaster.StartAsync();
        await using var host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Master"] = master.Address.ToString(),
            ["Mesos:Embedded:Enabled"] = "false",
        });
        var counters = host.Services.GetRequiredService<SchedulerCounters>();
        master.Send(Subscribed());
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "SUBSCRIBED");

        master.Send(Offer("O1"));
        await host.Pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
        }, TestContext.Current.CancellationToken);
        var accept = await master.NextCallAsync(Call.Types.Type.Accept, Timeout);
        var taskId = accept.Accept.Operations[0].LaunchGroup.TaskGroup.Tasks[0].TaskId.Value;

        master.Send(Update(taskId, TaskState.TaskRunning, uuid: true));
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods["default/web"].Phase == PodPhases.Running, Timeout, "Running");

        // Garbage between good records: skipped, the stream and the pod survive.
        master.SendRaw([0xff, 0xff, 0xff, 0xff, 0x0f]);
        // A rescind of an offer we never had, an event type from the future, an UPDATE without its status.
        master.Send(new Event { Type = Event.Types.Type.Rescind, Rescind = new Event.Types.Rescind { OfferId = new OfferID { Value = "O-unknown" } } });
        master.Send(new Event { Type = (Event.Types.Type)99 });
        master.Send(new Event { Type = Event.Types.Type.Update });
        // A duplicate RUNNING, then the task dies, then a stale RUNNING arrives after it.
        master.Send(Update(taskId, TaskState.TaskRunning, uuid: true));
        master.Send(Update(taskId, TaskState.TaskFailed, uuid: true));
        master.Send(Update(taskId, TaskState.TaskRunning, uuid: true));
        // The stream is handled in order: once this offer shows, everything before it has been handled.
        master.Send(Offer("O-barrier"));

        // The pod's Failed comes through the store's watch, after the pass that handled the barrier wrote it.
        var snapshot = await FeedWaiter.WaitForAsync(host.Feed,
            s => s.Offers.ContainsKey("O-barrier") && s.Pods["default/web"].Phase == PodPhases.Failed, Timeout, "the barrier offer and the pod Failed");

        Assert.Equal(1, counters.MalformedEvents);
        Assert.Equal(3, counters.IgnoredEvents);
        Assert.Equal(2, counters.StaleUpdates);
        Assert.True(snapshot.Scheduler.Connected);
        Assert.Equal(PodPhases.Failed, (await host.Pods.GetAsync("default", "web", TestContext.Current.CancellationToken))!.Status.Phase);

        // Every update that carried a uuid was still acknowledged (RUNNING, duplicate, FAILED, stale), so the master stops resending.
        for (var i = 0; i < 4; i++)
        {
            var ack = await master.NextCallAsync(Call.Types.Type.Acknowledge, Timeout);
            Assert.Equal(taskId, ack.Acknowledge.TaskId.Value);
        }
    }
}
