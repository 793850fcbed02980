using System.Net;
using KubeMesos.Shared.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>
/// Changes published into the running app's cluster feed reach the open browser pages without a reload. The names
/// are made up so they never collide with what the embedded cluster itself reports.
/// </summary>
public sealed class LiveDashboardTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task Scheduling_ChangesPublished_ShownLiveWithoutReload()
    {
        var page = await app.OpenAsync("/scheduling");
        var now = DateTimeOffset.UtcNow;

        app.Feed.Publish(
        [
            new AgentUpdated(new AgentView("e2e-a1", "e2e-agent-1.local", 4, 8192, 1.5, 3072, 2, new Dictionary<string, string> { ["rack"] = "r1" })),
            new OfferReceived(new OfferView("e2e-o1", "e2e-a1", "e2e-agent-1.local", 2.5, 5120, 20480, "[31000-31999]", now.AddSeconds(-12))),
            new OfferReceived(new OfferView("e2e-o2", "e2e-a2", "e2e-agent-2.local", 0.5, 768, 10240, "", now.AddSeconds(-3))),
            new PodUpdated(new PodView("default", "e2e-batch-7", PodPhases.Pending, null, null, null, 6, 16384, new Dictionary<string, string>(), now.AddSeconds(-40), "0/2 agents fit: 1 insufficient cpus, 1 insufficient memory; e2e-agent-1.local has 4.00 cpus, e2e-agent-2.local has 0.50 cpus")),
            new PodUpdated(new PodView("default", "e2e-api-1", PodPhases.Running, "e2e-agent-1.local", "e2e-a1", "TASK_RUNNING", 1, 1024, new Dictionary<string, string>(), now.AddSeconds(-90), null)),
            new PodPlaced(new PlacementView("default", "e2e-api-1", "e2e-a1", "e2e-agent-1.local", "e2e-o0", now.AddSeconds(-88))),
        ]);

        var offers = page.GetByRole(AriaRole.Region, new() { Name = "Outstanding offers" });
        await Expect(offers.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-agent-1.local" })).ToContainTextAsync("2.50", new() { Timeout = 15_000 });
        var queue = page.GetByRole(AriaRole.Region, new() { Name = "Pending queue" });
        await Expect(queue.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-batch-7" })).ToContainTextAsync("insufficient cpus");
        var pods = page.GetByRole(AriaRole.Region, new() { Name = "Latest pods" });
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-api-1" })).ToContainTextAsync("Running");
        await DashboardAppFixture.ScreenshotAsync(page, "scheduling");
        // The virtualizer is given one row height: a wrapped reason or port range would make its spacers wrong.
        // Measured in one script run: the embedded cluster's own offers come and go meanwhile.
        var heights = await queue.Locator("tbody tr").Or(offers.Locator("tbody tr"))
            .EvaluateAllAsync<float[]>("rows => rows.map(r => r.getBoundingClientRect().height)");
        Assert.NotEmpty(heights);
        Assert.All(heights, h => Assert.Equal(KubeMesos.Dashboard.Components.Pages.Scheduling.RowHeight, h, 0.5f));

        app.Feed.Publish(new OfferRemoved("e2e-o1", OfferRemovalReason.Accepted));
        await Expect(offers.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-agent-1.local" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Agents_AgentPublished_ShowsRowWithUsageAndAttributes()
    {
        var page = await app.OpenAsync("/agents");

        app.Feed.Publish(new AgentUpdated(new AgentView("e2e-a9", "e2e-agent-9.local", 8, 16384, 6, 4096, 5,
            new Dictionary<string, string> { ["rack"] = "r9", ["zone"] = "eu-1" })
        {
            DiskCapacityMb = 20480, DiskUsedMb = 5120, PortsCapacity = 1001, PortsUsed = 2,
        }));

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-agent-9.local" });
        await Expect(row).ToBeVisibleAsync(Soon);
        await Expect(row).ToContainTextAsync("6.00 / 8.00 cpus");
        await Expect(row).ToContainTextAsync("4.00 GiB / 16.00 GiB");
        await Expect(row).ToContainTextAsync("2 / 1,001 ports");
        await Expect(row.GetByRole(AriaRole.Meter)).ToHaveCountAsync(4);
        await Expect(row.GetByText("zone=eu-1")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Listitem, new() { Name = "e2e-agent-9.local · CPU 75%" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Navigation_DrawerLinks_InTheIssuesOrder_OpenEachPage()
    {
        var page = await app.OpenAsync("/");

        // The home address is the Overview now, with its drawer link lit.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync(Soon);
        var drawer = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var names = await drawer.GetByRole(AriaRole.Link).AllInnerTextsAsync();
        Assert.Equal(new[] { "Overview", "Scheduling", "Agents", "Pods", "Services", "Replication controllers", "Labels", "Events" }, names.Select(n => n.Trim()));
        await Expect(drawer.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bactive\b"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Master" })).ToContainTextAsync("Master");
        await drawer.GetByRole(AriaRole.Link, new() { Name = "Agents" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agents", Level = 1 })).ToBeVisibleAsync(Soon);
        await drawer.GetByRole(AriaRole.Link, new() { Name = "Pods" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pods", Level = 1 })).ToBeVisibleAsync(Soon);
        await drawer.GetByRole(AriaRole.Link, new() { Name = "Scheduling" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Scheduling", Level = 1 })).ToBeVisibleAsync(Soon);
    }

    [Fact]
    public async Task HealthEndpoints_RunningApp_Answer200()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);

        // Ready once the scheduler has subscribed to the embedded master (503 until then, which may be now).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while ((await http.GetAsync("/readyz", timeout.Token)).StatusCode is var status && status != HttpStatusCode.OK)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    [Fact]
    public async Task StaticAssets_TopLevelWwwroot_ServedWithContent()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var css = await http.GetStringAsync("/css/site.css", TestContext.Current.CancellationToken);

        Assert.Contains(".km-numeric", css);
    }
}
