using Bunit;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Dashboard;

/// <summary>The pod page's explanation: asked of the scheduler, asked again when the feed says a pass tried pods.</summary>
public sealed class PodExplanationPanelTests : DashboardTestContext
{
    [Fact]
    public async Task PendingPod_ShowsKindClosestAgentAndVerdicts_AsksAgainOnPlacementAttempted()
    {
        await using var scheduler = new SchedulerStandIn(Inbox) { Answer = _ => PodExplanationModelTests.Explanation() };
        Feed.Publish(new PodUpdated(Pod("big")));

        var page = Render<PodDetail>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "big"));

        // The panel's summary and its table of verdicts may come in separate renders: wait for the whole of it.
        page.WaitForAssertion(() =>
        {
            Assert.Contains("Waits for resources", page.Find("[aria-label='Waiting kind']").TextContent);
            Assert.Contains("closest: a2 (0.5 more cpus)", page.Markup);
            Assert.Contains("closest agent", page.Find("[aria-label='Waiting kind']").TextContent);
            var rows = page.FindAll("[aria-label='Agent verdicts'] tbody tr");
            Assert.Equal(6, rows.Count);
            Assert.Contains("a6", rows[0].TextContent);
            Assert.Contains("insufficient cpus: asked 4, offered 3.5, agent total 4", page.Markup);
        });

        var asked = scheduler.Questions;
        scheduler.Answer = _ => PodExplanationModelTests.Explanation(WaitingKind.NeverFits) with { Summary = "0/6 agents can ever fit: 64 cpus asked, the largest agent has 16" };
        Feed.Publish(new PlacementAttempted(DateTimeOffset.UtcNow, 1));

        page.WaitForAssertion(() => Assert.Contains("Never fits", page.Find("[aria-label='Waiting kind']").TextContent));
        Assert.True(scheduler.Questions > asked);
    }

    [Fact]
    public async Task PendingPod_DrillIntoOneAgent_ShowsEachFilterWithCodeAndReason()
    {
        await using var scheduler = new SchedulerStandIn(Inbox) { Answer = _ => PodExplanationModelTests.Explanation() };
        Feed.Publish(new PodUpdated(Pod("big")));
        var page = Render<PodDetail>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "big"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[aria-label='Agent verdicts'] tbody tr")));

        page.Find("button[aria-label='Filters on a3']").Click();

        // MudBlazor's button runs its handler asynchronously: the region may come in a render after the click returns.
        var region = page.WaitForElement("[role=region][aria-label='Filters on a3']");
        Assert.Contains("Held by running pods", region.TextContent);
        Assert.Contains("insufficient cpus: asked 4, offered 1, agent total 4", region.TextContent);
        Assert.Contains("Unschedulable", region.TextContent);
    }

    [Fact]
    public async Task ThousandAgents_Virtualized_GroupCountsForAll()
    {
        var one = PodExplanationModelTests.Explanation().Agents.Single(a => a.Hostname == "a3");
        var agents = Enumerable.Range(0, 1000).Select(i => one with { AgentId = $"S-{i}", Hostname = $"agent-{i:D4}", Shortfall = i % 10 == 0 ? null : 0.5 }).ToList();
        await using var scheduler = new SchedulerStandIn(Inbox) { Answer = _ => PodExplanationModelTests.Explanation() with { Agents = agents } };
        Feed.Publish(new PodUpdated(Pod("big")));

        var page = Render<PodDetail>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "big"));

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Held by running pods 900", page.Find("[aria-label='Agents shown']").TextContent);
            Assert.Contains("Never 100", page.Find("[aria-label='Agents shown']").TextContent);
            // A screenful of rows, not a thousand.
            Assert.InRange(page.FindAll("[aria-label='Agent verdicts'] tbody tr").Count, 1, 200);
        });
    }

    [Fact]
    public async Task ScheduledPod_ShowsThePlacementRecord()
    {
        var placement = new PlacementView("default", "web", "S-a2", "a2", "o1", DateTimeOffset.UtcNow, "Spread", 81.5, [new RunnerUpView("a3", 70)], TimeSpan.FromMilliseconds(240));
        await using var scheduler = new SchedulerStandIn(Inbox)
        {
            Answer = key => new PodExplanation(key, WaitingKind.Scheduled, "placed on a2", placement.PlacedAt, [], placement),
        };
        Feed.Publish(new PodUpdated(Pod("web", PodPhases.Running, node: "a2")));

        var page = Render<PodDetail>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "web"));

        page.WaitForAssertion(() => Assert.Contains("a3 70", page.Find("[aria-label=Placement]").TextContent));
        Assert.Contains("Spread", page.Find("[aria-label=Placement]").TextContent);
        Assert.Contains("240 ms", page.Find("[aria-label=Placement]").TextContent);
        Assert.Empty(page.FindAll("[aria-label='Waiting kind']"));
    }
}
