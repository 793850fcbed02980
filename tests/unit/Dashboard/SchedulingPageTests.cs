using Xunit;
using Bunit;
using KubeMesos.Dashboard.Components.Controls;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class SchedulingPageTests : DashboardTestContext
{
    // As in the app: interactive server rendering (long tables are virtualized only in a live circuit).
    public SchedulingPageTests() => Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    [Fact]
    public void PodLeavesTheQueueHead_TheOtherQueueRowsAreKept()
    {
        Feed.Publish(Enumerable.Range(0, 20).Select(i => (ClusterChange)new PodUpdated(Pod($"q-{i:D2}") with { CreatedAt = Now.AddSeconds(i - 60) })).ToList());
        var page = Render<Scheduling>();
        page.WaitForAssertion(() => Assert.Equal(20, page.FindComponents<QueuedPodRow>().Count));
        var before = page.FindComponents<QueuedPodRow>().Skip(1).Select(r => r.Instance).ToList();

        Feed.Publish(new PodUpdated(Pod("q-00", PodPhases.Running, node: "agent-a.local") with { CreatedAt = Now.AddSeconds(-60) }));

        page.WaitForAssertion(() => Assert.Equal(19, page.FindComponents<QueuedPodRow>().Count));
        Assert.Equal(before, page.FindComponents<QueuedPodRow>().Select(r => r.Instance));
    }

    [Fact]
    public void Render_NoData_ShowsEmptyStates()
    {
        var page = Render<Scheduling>();

        Assert.Contains("No outstanding offers", page.Markup);
        Assert.Contains("No pods waiting", page.Markup);
        Assert.Contains("No placements yet", page.Markup);
    }

    [Fact]
    public void Render_PlacementRecord_StrategyScoreRunnersUpAndWaited()
    {
        var page = Render<Scheduling>();

        Feed.Publish(new PodPlaced(new PlacementView("default", "web-7", "agent-b", "agent-b.local", "o-9", Now, "Spread", 181.24,
            [new RunnerUpView("agent-c.local", 170), new RunnerUpView("agent-d.local", 90.5)], TimeSpan.FromSeconds(4.25))));

        page.WaitForAssertion(() =>
        {
            var row = page.Find("[aria-label='Placement records'] tbody tr");
            string Cell(string label) => row.QuerySelector($"td[data-label='{label}']")!.TextContent.Trim();
            Assert.Equal("agent-b.local", Cell("Agent"));
            Assert.Equal("Spread", Cell("Strategy"));
            Assert.Equal("181.2", Cell("Score"));
            Assert.Equal("agent-c.local 170, agent-d.local 90.5", Cell("Runners-up"));
            Assert.Equal("4.3 s", Cell("Waited"));
        });
    }

    [Fact]
    public void Render_OfferPublishedToFeed_ShowsOfferRowLive()
    {
        var page = Render<Scheduling>();

        Feed.Publish(new OfferReceived(Offer("o-1", "agent-a.local", cpus: 1.5, memMb: 3072)));

        page.WaitForAssertion(() =>
        {
            var row = page.FindAll("tr").Single(r => r.TextContent.Contains("agent-a.local"));
            Assert.Contains("1.50", row.TextContent);
            Assert.Contains("3.00 GiB", row.TextContent);
            Assert.Contains("31000-32000", row.TextContent);
        });
        Assert.DoesNotContain("No outstanding offers", page.Markup);
    }

    [Fact]
    public void Render_OfferRemoved_RowDisappears()
    {
        Feed.Publish(new OfferReceived(Offer("o-1", "agent-a.local")));
        var page = Render<Scheduling>();
        Assert.Contains("agent-a.local", page.Markup);

        Feed.Publish(new OfferRemoved("o-1", OfferRemovalReason.Declined));

        page.WaitForAssertion(() => Assert.Contains("No outstanding offers", page.Markup));
    }

    [Fact]
    public void Render_QueuedPod_ShowsItInPendingQueueWithReason()
    {
        var page = Render<Scheduling>();

        Feed.Publish(new PodUpdated(Pod("big-1", message: "0/2 agents fit: 2 insufficient cpus")));

        page.WaitForAssertion(() =>
        {
            var row = page.FindAll("tr").First(r => r.TextContent.Contains("big-1"));
            Assert.Contains("0/2 agents fit: 2 insufficient cpus", row.TextContent);
            Assert.Contains("256 MiB", row.TextContent);
        });
    }

    [Fact]
    public void Render_LongReasonAndPorts_OneLineCellsWithCutTextInTitle()
    {
        const string reason = "0/12 agents fit: 7 insufficient cpus, 3 insufficient memory, 2 node selector mismatch (rack=r9)";
        Feed.Publish(
        [
            new PodUpdated(Pod("big-1", message: reason)),
            new OfferReceived(Offer("o-1", "agent-a.local") with { Ports = "[31000-32000, 33000-34000]" }),
        ]);

        var page = Render<Scheduling>();

        // Virtualized rows must all have the height given to the virtualizer: no cell may wrap onto a second line.
        var reasonCell = page.Find("td[data-label='Reason']");
        Assert.Equal(reason, reasonCell.GetAttribute("title"));
        Assert.Equal(reason, reasonCell.TextContent.Trim());
        Assert.Contains("km-ellipsis", reasonCell.ClassList);
        var portsCell = page.Find("td[data-label='Ports']");
        Assert.Equal("[31000-32000, 33000-34000]", portsCell.TextContent.Trim());
        Assert.Contains("km-nowrap", portsCell.ClassList);
        Assert.Equal("agent-a.local", page.Find("td[data-label='Agent']").GetAttribute("title"));
        Assert.All(page.FindAll("td[data-label]").Where(c => c.Closest("section")!.QuerySelector("h2")!.TextContent is "Outstanding offers" or "Pending queue"),
            c => Assert.True(c.ClassList.Contains("km-nowrap") || c.ClassList.Contains("km-numeric") || c.ClassList.Contains("km-ellipsis"),
                $"{c.GetAttribute("data-label")} cell may wrap"));
    }

    [Fact]
    public void Render_PodPlacedAndRunning_ShowsPlacementAndPhase()
    {
        var page = Render<Scheduling>();

        Feed.Publish(
        [
            new PodPlaced(new PlacementView("default", "web-1", "agent-b", "agent-b.local", "o-9", Now)),
            new PodUpdated(Pod("web-1", PodPhases.Running, node: "agent-b.local")),
        ]);

        page.WaitForAssertion(() =>
        {
            Assert.Contains("No pods waiting", page.Markup);
            var rows = page.FindAll("tr").Where(r => r.TextContent.Contains("web-1")).Select(r => r.TextContent).ToList();
            Assert.Contains(rows, r => r.Contains("agent-b.local") && r.Contains("Running"));
            Assert.Contains(rows, r => r.Contains("agent-b.local") && r.Contains("just now"));
        });
    }

    [Fact]
    public void Render_ThousandsOfPodsAndOffers_CountsWithThousandsSeparators()
    {
        Feed.Publish(
        [
            .. Enumerable.Range(0, 10_200).Select(i => (ClusterChange)new PodUpdated(i < 1_500 ? Pod($"p-{i}") : Pod($"p-{i}", PodPhases.Running, node: "a.local"))),
            .. Enumerable.Range(0, 1_001).Select(i => (ClusterChange)new OfferReceived(Offer($"o-{i}", $"agent-{i}.local"))),
        ]);

        var page = Render<Scheduling>();

        var tiles = page.FindAll(".mud-paper").Where(p => p.QuerySelector(".mud-avatar") is not null).Select(p => p.TextContent).ToList();
        Assert.Contains(tiles, t => t.Contains("Outstanding offers") && t.Contains("1,001"));
        Assert.Contains(tiles, t => t.Contains("Pending pods") && t.Contains("1,500"));
        Assert.Contains(tiles, t => t.Contains("Running pods") && t.Contains("8,700") && t.Contains("of 10,200 pods"));
        Assert.Equal("1,001", Chip(page, "Outstanding offers"));
        Assert.Equal("1,500", Chip(page, "Pending queue"));
        Assert.Contains("All 10,200 pods", page.Find("a[href='pods']").TextContent);
    }

    private static string Chip(IRenderedComponent<Scheduling> page, string section) =>
        page.FindAll("section").Single(s => s.QuerySelector("h2")!.TextContent == section).QuerySelector(".mud-chip")!.TextContent.Trim();

    [Fact]
    public void Render_Pods_LatestPodsAndLinkToPodsPage()
    {
        Feed.Publish(Enumerable.Range(0, 15).Select(i => (ClusterChange)new PodUpdated(Pod($"p-{i}") with { CreatedAt = Now.AddSeconds(i) })).ToList());

        var page = Render<Scheduling>();

        var link = page.Find("a[href='pods']");
        Assert.Contains("All 15 pods", link.TextContent);
        var latest = page.FindAll("section").Single(s => s.TextContent.Contains("Latest pods"));
        Assert.Contains("p-14", latest.TextContent);
        Assert.DoesNotContain("p-3", latest.TextContent);
    }
}
