using Mesos.V1;
using Mesos.V1.Scheduler;
using Xunit;
using TaskStatus = Mesos.V1.TaskStatus;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

public sealed class FailAgentTests
{
    [Fact]
    public async Task FailAgent_TasksUnreachableWithUnreachableMessage_FrameworksGetFailure_AgentGone()
    {
        await using var test = await TestMaster.StartAsync(o => o.AgentCount = 1);
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, "p", "c"));

        Assert.True(test.Master.FailAgent(offer.AgentId.Value));

        var status = await sub.NextUpdateAsync("p.c", TaskState.TaskUnreachable);
        Assert.Equal(TaskStatus.Types.Reason.AgentRemoved, status.Reason);
        Assert.Contains("unreachable", status.Message, StringComparison.Ordinal);
        Assert.NotNull(status.UnreachableTime);
        var failure = await sub.WaitForAsync(e => e.Type == Event.Types.Type.Failure);
        Assert.Equal(offer.AgentId, failure.Failure.AgentId);
        Assert.Empty(test.Master.GetAgents());
        Assert.False(test.Master.FailAgent(offer.AgentId.Value));
    }
}
