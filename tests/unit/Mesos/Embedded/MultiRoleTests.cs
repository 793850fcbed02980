using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

/// <summary>MULTI_ROLE on the embedded master: offers per role, DRF between roles first, SUPPRESS/REVIVE per role.</summary>
public sealed class MultiRoleTests
{
    private static FrameworkInfo TwoRoles(string name = "multi")
    {
        var info = TestMaster.Framework(name);
        info.Roles.Clear();
        info.Roles.Add(["web", "batch"]);
        return info;
    }

    [Fact]
    public async Task Allocation_GivesEachAgentToTheRoleWithTheLowestShare_WithItsAllocationInfo()
    {
        await using var test = await TestMaster.StartAsync(o => o.AllocationInterval = TimeSpan.FromHours(1));
        await using var framework = await test.SubscribeAsync(TwoRoles());

        var offers = (await framework.WaitForAsync(e => e.Type == Event.Types.Type.Offers)).Offers.Offers_;

        // Both roles start at 0: agent-0 goes to the first, which then holds a share, so agent-1 goes to the other.
        Assert.Equal(2, offers.Count);
        Assert.Equal("web", offers.Single(o => o.Hostname == "agent-0").AllocationInfo.Role);
        Assert.Equal("batch", offers.Single(o => o.Hostname == "agent-1").AllocationInfo.Role);
        Assert.All(offers, o => Assert.All(o.Resources, r => Assert.Equal(o.AllocationInfo.Role, r.AllocationInfo.Role)));
    }

    [Fact]
    public async Task SuppressOneRole_OffersGoOnlyToTheOther_AndTasksKeepTheirRole()
    {
        await using var test = await TestMaster.StartAsync(o => o.AllocationInterval = TimeSpan.FromHours(1));
        await using var framework = await test.SubscribeAsync(TwoRoles());
        var first = (await framework.WaitForAsync(e => e.Type == Event.Types.Type.Offers)).Offers.Offers_;

        await framework.AcceptedAsync(new Call { Type = Call.Types.Type.Suppress, Suppress = new() { Roles = { "web" } } });
        await framework.AcceptedAsync(new Call
        {
            Type = Call.Types.Type.Decline,
            Decline = new() { OfferIds = { first.Select(o => o.Id) }, Filters = new() { RefuseSeconds = 0 } },
        });
        await framework.AcceptedAsync(new Call { Type = Call.Types.Type.Revive, Revive = new() { Roles = { "batch" } } });

        var seen = new List<Offer>();
        while (seen.Select(o => o.Hostname).Distinct().Count() < 2)
        {
            seen.AddRange((await framework.WaitForAsync(e => e.Type == Event.Types.Type.Offers)).Offers.Offers_);
        }

        Assert.All(seen, o => Assert.Equal("batch", o.AllocationInfo.Role));
        Assert.Equal(["web"], test.Master.SuppressedRolesOf(framework.FrameworkId.Value));

        await framework.AcceptedAsync(Launches.Group(framework.FrameworkId, seen[0], "job", "main"));
        await framework.AcknowledgeUntilAsync("job.main", TaskState.TaskRunning);
        var task = test.Master.OperatorResponse(global::Mesos.V1.Master.Call.Types.Type.GetTasks)!.GetTasks.Tasks.Single();
        Assert.All(task.Resources, r => Assert.Equal("batch", r.AllocationInfo.Role));
    }

    [Fact]
    public async Task AcceptMixingRoles_IsRefusedAsInvalidOffers()
    {
        await using var test = await TestMaster.StartAsync(o => o.AllocationInterval = TimeSpan.FromHours(1));
        await using var framework = await test.SubscribeAsync(TwoRoles());
        var offers = (await framework.WaitForAsync(e => e.Type == Event.Types.Type.Offers)).Offers.Offers_;

        // A launch on the "web" offer whose resources claim "batch": the task is invalid.
        var launch = Launches.Group(framework.FrameworkId, offers.Single(o => o.AllocationInfo.Role == "web"), "wrong", "main");
        foreach (var resource in launch.Accept.Operations[0].LaunchGroup.TaskGroup.Tasks[0].Resources)
        {
            resource.AllocationInfo.Role = "batch";
        }

        await framework.AcceptedAsync(launch);
        var update = await framework.NextUpdateAsync("wrong.main");
        Assert.Equal(TaskState.TaskError, update.State);
        Assert.Contains("role 'batch'", update.Message, StringComparison.Ordinal);
    }
}
