using k8s.Models;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Tests.Unit.Support;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

/// <summary>Several frameworks on one embedded master: dominant resource fairness, a JSON-only framework, our declines.</summary>
public sealed class SharingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Allocation_GivesEachFreeAgentToTheFrameworkWithTheLowestDominantShare()
    {
        // No allocation timer: batches run only on SUBSCRIBE (and REVIVE), so what each framework is offered is exact.
        await using var test = await TestMaster.StartAsync(o => o.AllocationInterval = TimeSpan.FromHours(1));
        await using var a = await test.SubscribeAsync(TestMaster.Framework("a"));
        var first = await a.WaitForAsync(e => e.Type == Event.Types.Type.Offers);
        Assert.Equal(2, first.Offers.Offers_.Count);
        var agent0 = first.Offers.Offers_.Single(o => o.Hostname == "agent-0");
        var agent1 = first.Offers.Offers_.Single(o => o.Hostname == "agent-1");

        // A runs 2.6 cpus on agent-0 (leftover back at once) and declines agent-1 without a filter: A may have both.
        var launch = Launches.Group(a.FrameworkId, agent0, "big", "c1", "c2", "c3", "c4", "c5");
        launch.Accept.Filters = new Filters { RefuseSeconds = 0 };
        await a.AcceptedAsync(launch);
        await a.AcceptedAsync(new Call { Type = Call.Types.Type.Decline, Decline = new() { OfferIds = { agent1.Id }, Filters = new() { RefuseSeconds = 0 } } });
        await a.AcknowledgeUntilAsync("big.c1", TaskState.TaskRunning);

        await using var b = await test.SubscribeAsync(TestMaster.Framework("b"));
        var offers = await b.WaitForAsync(e => e.Type == Event.Types.Type.Offers);

        // B's share is 0 and A's 2.6 / 12 cpus, so agent-0's leftover goes to B first. That raises B's dominant share
        // to its mem (about 7.5 of 24 GB, 0.31), now above A's, so agent-1 goes to A: DRF re-sorts after each agent.
        var forA = await a.WaitForAsync(e => e.Type == Event.Types.Type.Offers);
        Assert.Equal("agent-0", Assert.Single(offers.Offers.Offers_).Hostname);
        Assert.Equal(4 - 2.6, offers.Offers.Offers_[0].Resources.Single(r => r.Name == "cpus").Scalar.Value, 6);
        Assert.Equal("agent-1", Assert.Single(forA.Offers.Offers_).Hostname);
        var frameworks = test.Master.GetFrameworks();
        Assert.Equal(2, frameworks.Count);
    }

    [Fact]
    public void DominantShare_IsTheLargestFractionOfTheCluster()
    {
        var cluster = ResourceBag.Create([new("cpus", 12.0), new("mem", 24576.0), new("disk", 1000.0)], []);

        Assert.Equal(0.5, EmbeddedMesosMaster.DominantShare(ResourceBag.Create([new("cpus", 1.0), new("mem", 12288.0)], []), cluster), 6);
        Assert.Equal(0.25, EmbeddedMesosMaster.DominantShare(ResourceBag.Create([new("cpus", 3.0), new("mem", 1024.0)], []), cluster), 6);
        Assert.Equal(0, EmbeddedMesosMaster.DominantShare(ResourceBag.Empty, cluster));
    }

    [Fact]
    public async Task JsonOnlyFramework_ReadsNumbersAndRunsATask()
    {
        await using var test = await TestMaster.StartAsync();
        await using var client = await JsonOnlyFramework.SubscribeAsync(test.Http.BaseAddress!, "js-like", "analytics");

        var offers = await client.WaitForAsync(e => e.GetProperty("type").GetString() == "OFFERS");
        var offer = offers.GetProperty("offers").GetProperty("offers")[0];
        var port = await client.LaunchAsync(offer, "job-1", 0.5, 128);
        await client.AcknowledgeUntilAsync("job-1", "TASK_RUNNING");

        Assert.Equal(31001, port);
        var task = test.Master.OperatorResponse(global::Mesos.V1.Master.Call.Types.Type.GetTasks)!.GetTasks.Tasks.Single();
        Assert.Equal("job-1", task.TaskId.Value);
        Assert.Equal(TaskState.TaskRunning, task.State);
        Assert.Equal(31001UL, task.Resources.Single(r => r.Name == "ports").Ranges.Range[0].Begin);
    }

    [Fact]
    public async Task OurScheduler_DeclinesOffersNoPendingPodCanUse_SoASecondFrameworkGetsThem()
    {
        // Offers would be held ten minutes if nothing declined them early: the second framework only gets them
        // because the scheduler hands back what its pending pod cannot use.
        await using var host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Embedded:AgentCount"] = "2",
            ["Scheduler:OfferHoldTime"] = "00:10:00",
        });
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected && s.Offers.Count == 2, Timeout, "the framework to hold both agents' offers");
        await host.Pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "huge" },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container
                {
                    Name = "main", Image = "nginx:1.25",
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100") } },
                }],
            },
        }, TestContext.Current.CancellationToken);
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods.TryGetValue("default/huge", out var p) && p.Message is not null && s.Offers.Count == 0,
            Timeout, "huge explained and every offer declined");

        var master = host.Services.GetRequiredService<EmbeddedMesosMaster>();
        await using var other = await JsonOnlyFramework.SubscribeAsync(await master.Started, "other", "analytics");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (seen.Count < 2)
        {
            var offers = await other.WaitForAsync(e => e.GetProperty("type").GetString() == "OFFERS");
            foreach (var offer in offers.GetProperty("offers").GetProperty("offers").EnumerateArray())
            {
                seen.Add(offer.GetProperty("hostname").GetString()!);
            }
        }

        Assert.Equal(["agent-0", "agent-1"], seen.Order());
        var frameworks = master.OperatorResponse(global::Mesos.V1.Master.Call.Types.Type.GetFrameworks)!.GetFrameworks.Frameworks;
        Assert.Equal(["kubemesos", "other"], frameworks.Select(f => f.FrameworkInfo.Name).Order());
    }
}
