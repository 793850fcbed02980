using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

public sealed class TaskLifecycleTests
{
    [Fact]
    public async Task AcceptLaunchGroup_SendsStartingThenRunningWithUuids_AndAcksAdvance()
    {
        await using var test = await TestMaster.StartAsync(o => o.AgentCount = 1);
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();

        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, "default.web-0", "app", "sidecar"));

        foreach (var task in new[] { "default.web-0.app", "default.web-0.sidecar" })
        {
            var starting = await sub.NextUpdateAsync(task);
            Assert.Equal(TaskState.TaskStarting, starting.State);
            Assert.Equal(TaskStatus.Types.Source.Executor, starting.Source);
            Assert.Equal(16, starting.Uuid.Length);
            Assert.Equal(offer.AgentId, starting.AgentId);
            Assert.Equal("pod.default.web-0", starting.ExecutorId.Value);
            Assert.True(starting.Timestamp > 0);
            await sub.AcknowledgeAsync(starting);

            var running = await sub.NextUpdateAsync(task, TaskState.TaskRunning);
            Assert.NotEqual(starting.Uuid, running.Uuid);
            await sub.AcknowledgeAsync(running);
        }

        var agent = test.Master.GetAgents().Single();
        Assert.Equal(2, agent.TaskCount);
        Assert.Equal(1.1, agent.Used.Cpus, 3);
        Assert.Equal(32 + 256, agent.Used.MemMb, 3);

        // Implicit reconciliation answers with the latest state, from the master, without a uuid.
        await sub.AcceptedAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = new() });
        var reconciled = await sub.WaitForAsync(e => e.Type == Event.Types.Type.Update && e.Update.Status.Reason == TaskStatus.Types.Reason.Reconciliation);
        Assert.Equal(TaskState.TaskRunning, reconciled.Update.Status.State);
        Assert.Equal(TaskStatus.Types.Source.Master, reconciled.Update.Status.Source);
        Assert.False(reconciled.Update.Status.HasUuid);
    }

    [Fact]
    public async Task UnacknowledgedUpdate_IsResentWithSameUuid_AndNextOnlyAfterAck()
    {
        await using var test = await TestMaster.StartAsync(o => { o.AgentCount = 1; o.UpdateRetryInterval = TimeSpan.FromMilliseconds(50); });
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, "p", "c"));

        var first = await sub.NextUpdateAsync("p.c");
        var again = await sub.NextUpdateAsync("p.c");

        Assert.Equal(TaskState.TaskStarting, again.State);
        Assert.Equal(first.Uuid, again.Uuid);
        await sub.AcknowledgeAsync(again);
        var next = await sub.WaitForAsync(e => e.Type == Event.Types.Type.Update && e.Update.Status.Uuid != first.Uuid);
        Assert.Equal(TaskState.TaskRunning, next.Update.Status.State);
    }

    [Fact]
    public async Task Kill_KillsWholeGroup_ThenExecutorFailureAndResourcesBack()
    {
        await using var test = await TestMaster.StartAsync(o => o.AgentCount = 1);
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, "p", "a", "b"));
        await sub.AcknowledgeAsync(await sub.NextUpdateAsync("p.a", TaskState.TaskStarting));

        await sub.AcceptedAsync(new Call { Type = Call.Types.Type.Kill, Kill = new() { TaskId = new() { Value = "p.a" } } });

        var failure = await sub.WaitForAsync(e => e.Type == Event.Types.Type.Failure);
        Assert.Equal("pod.p", failure.Failure.ExecutorId.Value);
        Assert.Equal(0, test.Master.GetAgents().Single().Used.Cpus);
        var killed = await sub.AcknowledgeUntilAsync("p.b", TaskState.TaskKilled);
        Assert.Equal(16, killed.Uuid.Length);
    }

    [Theory]
    [InlineData(true, TaskState.TaskUnknown)]
    [InlineData(false, TaskState.TaskLost)]
    public async Task KillOrReconcile_UnknownTask_AnswersLikeExplicitReconciliation(bool partitionAware, TaskState expected)
    {
        await using var test = await TestMaster.StartAsync();
        await using var sub = await test.SubscribeAsync(TestMaster.Framework(partitionAware: partitionAware));

        await sub.AcceptedAsync(new Call { Type = Call.Types.Type.Kill, Kill = new() { TaskId = new() { Value = "ghost" } } });
        var killAnswer = await sub.NextUpdateAsync("ghost");
        await sub.AcceptedAsync(new Call
        {
            Type = Call.Types.Type.Reconcile,
            Reconcile = new() { Tasks = { new Call.Types.Reconcile.Types.Task { TaskId = new() { Value = "ghost2" } } } },
        });
        var reconcileAnswer = await sub.NextUpdateAsync("ghost2");

        foreach (var status in new[] { killAnswer, reconcileAnswer })
        {
            Assert.Equal(expected, status.State);
            Assert.Equal(TaskStatus.Types.Reason.Reconciliation, status.Reason);
            Assert.Equal(TaskStatus.Types.Source.Master, status.Source);
            Assert.False(status.HasUuid);
        }
    }

    [Fact]
    public async Task Accept_InvalidGroup_GetsTaskErrorWithoutUuid()
    {
        await using var test = await TestMaster.StartAsync(o => o.AgentCount = 1);
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();
        var call = Launches.Group(sub.FrameworkId, offer, "p", "c");
        call.Accept.Operations[0].LaunchGroup.Executor.FrameworkId = null;

        await sub.AcceptedAsync(call);

        var error = await sub.NextUpdateAsync("p.c");
        Assert.Equal(TaskState.TaskError, error.State);
        Assert.Equal(TaskStatus.Types.Reason.TaskGroupInvalid, error.Reason);
        Assert.Contains("framework_id", error.Message, StringComparison.Ordinal);
        Assert.False(error.HasUuid);
    }

    [Fact]
    public async Task Accept_SameOfferTwice_DropsTasksWithInvalidOffers()
    {
        await using var test = await TestMaster.StartAsync(o => o.AgentCount = 1);
        await using var sub = await test.SubscribeAsync(TestMaster.Framework(partitionAware: false));
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, "p", "c"));

        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, "q", "c"));

        var lost = await sub.NextUpdateAsync("q.c");
        Assert.Equal(TaskState.TaskLost, lost.State);
        Assert.Equal(TaskStatus.Types.Reason.InvalidOffers, lost.Reason);
    }

    [Fact]
    public async Task RemoveAgent_TasksUnreachable_FrameworksGetFailure()
    {
        await using var test = await TestMaster.StartAsync(o => o.AgentCount = 1);
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, "p", "c"));

        Assert.True(test.Master.RemoveAgent(offer.AgentId.Value));

        var status = await sub.NextUpdateAsync("p.c", TaskState.TaskUnreachable);
        Assert.Equal(TaskStatus.Types.Reason.AgentRemoved, status.Reason);
        Assert.NotNull(status.UnreachableTime);
        var failure = await sub.WaitForAsync(e => e.Type == Event.Types.Type.Failure);
        Assert.Equal(offer.AgentId, failure.Failure.AgentId);
        Assert.Empty(test.Master.GetAgents());
    }

    [Fact]
    public async Task FailTask_SendsFailedWithUuid()
    {
        await using var test = await TestMaster.StartAsync(o => o.AgentCount = 1);
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, "p", "c"));

        Assert.True(test.Master.FailTask(sub.FrameworkId.Value, "p.c", "boom"));

        // Updates of a task are delivered in order, each after the previous one is acknowledged.
        var status = await sub.AcknowledgeUntilAsync("p.c", TaskState.TaskFailed);

        Assert.Equal("boom", status.Message);
        Assert.Equal(16, status.Uuid.Length);
    }

    [Fact]
    public async Task Decline_WithholdsAgentForRefuseSeconds_ThenOffersAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestMaster.StartAsync(o => o.AgentCount = 1, time);
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();

        await sub.AcceptedAsync(new Call { Type = Call.Types.Type.Decline, Decline = new() { OfferIds = { offer.Id }, Filters = new() { RefuseSeconds = 60 } } });
        time.Advance(TimeSpan.FromSeconds(30));
        test.Master.Allocate();

        // An explicit reconciliation answer is a barrier: any offer made above would have been queued before it.
        var seen = sub.Seen.Count;
        await sub.AcceptedAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = new() { Tasks = { new Call.Types.Reconcile.Types.Task { TaskId = new() { Value = "barrier" } } } } });
        await sub.NextUpdateAsync("barrier");
        Assert.DoesNotContain(sub.Seen.Skip(seen), e => e.Type == Event.Types.Type.Offers);

        time.Advance(TimeSpan.FromSeconds(31));
        test.Master.Allocate();
        var again = await sub.NextOfferAsync();
        Assert.Equal(offer.AgentId, again.AgentId);
        Assert.NotEqual(offer.Id, again.Id);
    }

    [Fact]
    public async Task Suppress_StopsOffers_ReviveClearsFiltersAndOffersAtOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestMaster.StartAsync(o => o.AgentCount = 1, time);
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(new Call { Type = Call.Types.Type.Suppress });
        await sub.AcceptedAsync(new Call { Type = Call.Types.Type.Decline, Decline = new() { OfferIds = { offer.Id }, Filters = new() { RefuseSeconds = 0 } } });
        test.Master.Allocate();

        var seen = sub.Seen.Count;
        await sub.AcceptedAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = new() { Tasks = { new Call.Types.Reconcile.Types.Task { TaskId = new() { Value = "barrier" } } } } });
        await sub.NextUpdateAsync("barrier");
        Assert.DoesNotContain(sub.Seen.Skip(seen), e => e.Type == Event.Types.Type.Offers);

        await sub.AcceptedAsync(new Call { Type = Call.Types.Type.Revive });
        Assert.Equal(offer.AgentId, (await sub.NextOfferAsync()).AgentId);
    }
}
