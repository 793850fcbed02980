using Google.Protobuf;
using k8s.Models;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Framework.Mesos;

/// <summary>Malformed and out-of-order events from a master are logged and counted and never corrupt state.</summary>
public sealed class BadMasterInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static Event Update(string taskId, TaskState state, bool uuid = true)
    {
        var status = new global::Mesos.V1.TaskStatus
        {
            TaskId = new TaskID { Value = taskId },
            State = state,
            AgentId = new AgentID { Value = "S0" },
            Source = global::Mesos.V1.TaskStatus.Types.Source.Executor,
        };
        if (uuid)
        {
            status.Uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray());
        }

        return new Event { Type = Event.Types.Type.Update, Update = new Event.Types.Update { Status = status } };
    }

    private static Event Offer(string id = "O1") => new()
    {
        Type = Event.Types.Type.Offers,
        Offers = new Event.Types.Offers
        {
            Offers_ =
            {
                new Offer
                {
                    Id = new OfferID { Value = id }, FrameworkId = new FrameworkID { Value = "fw-1" }, AgentId = new AgentID { Value = "S0" },
                    Hostname = "agent-0",
                    Resources =
                    {
                        new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 4 } },
                        new Resource { Name = "mem", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 4096 } },
                        new Resource { Name = "disk", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 1000 } },
                    },
                },
            },
        },
    };

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
        master.Send(new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed { FrameworkId = new FrameworkID { Value = "fw-1" }, HeartbeatIntervalSeconds = 15 },
        });
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "SUBSCRIBED");

        master.Send(Offer());
        await host.Pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
        }, TestContext.Current.CancellationToken);
        var accept = await master.NextCallAsync(Call.Types.Type.Accept, Timeout);
        var taskId = accept.Accept.Operations[0].LaunchGroup.TaskGroup.Tasks[0].TaskId.Value;

        master.Send(Update(taskId, TaskState.TaskRunning));
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods["default/web"].Phase == PodPhases.Running, Timeout, "Running");

        // Garbage between good records: skipped, the stream and the pod survive.
        master.SendRaw([0xff, 0xff, 0xff, 0xff, 0x0f]);
        // A rescind of an offer we never had, an event type from the future, an UPDATE without its status.
        master.Send(new Event { Type = Event.Types.Type.Rescind, Rescind = new Event.Types.Rescind { OfferId = new OfferID { Value = "O-unknown" } } });
        master.Send(new Event { Type = (Event.Types.Type)99 });
        master.Send(new Event { Type = Event.Types.Type.Update });
        // A duplicate RUNNING, then the task dies, then a stale RUNNING arrives after it.
        master.Send(Update(taskId, TaskState.TaskRunning));
        master.Send(Update(taskId, TaskState.TaskFailed));
        master.Send(Update(taskId, TaskState.TaskRunning));
        // The stream is handled in order: once this offer shows, everything before it has been handled.
        master.Send(Offer("O-barrier"));

        var snapshot = await FeedWaiter.WaitForAsync(host.Feed, s => s.Offers.ContainsKey("O-barrier"), Timeout, "the barrier offer");

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
