using k8s.Models;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>
/// Issue 12 in the browser against the real app and its embedded cluster (5 agents of 2 to 16 cpus): why a pod is pending,
/// per agent and per filter; placement records; the Agents heat map's timeline.
/// </summary>
public sealed class SchedulingInsightTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToContainTextOptions SoonText = new() { Timeout = 30_000 };

    private IPodService Pods => app.App.Services.GetRequiredService<IPodService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PodPage_PodBiggerThanEveryAgent_SaysNeverFitsWithTheReason_DrillsIntoOneAgent()
    {
        await Pods.CreateAsync(Pod("insight-huge", "64"), Ct);

        var page = await app.OpenAsync("/pods/default/insight-huge");

        var why = page.GetByRole(AriaRole.Region, new() { Name = "Why it is pending" });
        var kind = why.GetByRole(AriaRole.Status, new() { Name = "Waiting kind" });
        await Expect(kind).ToContainTextAsync("Never fits", SoonText);
        await Expect(kind).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"agents can ever fit: 64\.1 cpus asked, the largest agent has \d+"));
        var verdicts = why.GetByRole(AriaRole.Table);
        await Expect(verdicts.GetByRole(AriaRole.Row).Filter(new() { HasText = "insufficient cpus: asked 64.1" }).First).ToBeVisibleAsync(Soon);

        var firstAgent = why.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Filters on ") }).First;
        var host = (await firstAgent.GetAttributeAsync("aria-label"))!["Filters on ".Length..];
        await firstAgent.ClickAsync();
        var filters = page.GetByRole(AriaRole.Region, new() { Name = $"Filters on {host}" });
        await Expect(filters).ToContainTextAsync("Never");
        await Expect(filters).ToContainTextAsync("insufficient cpus");
        await Expect(filters).ToContainTextAsync("NodeSelector");
        await DashboardAppFixture.ScreenshotAsync(page, "pod-never-fits");
        await DarkScreenshotAsync(page, "pod-never-fits-dark");
    }

    [Fact]
    public async Task PodPage_AgentsFullOfRunningPods_WaitsForResources_NamesTheClosestAgent()
    {
        var agents = await AgentsAsync();
        var hosts = agents.Select(a => a.Hostname).ToList();
        // Each agent nearly full (all but 0.6 cpus, with the executor's 0.1): a 1-cpu pod fits every agent's total
        // (the smallest has 2), none now.
        foreach (var agent in agents)
        {
            await Pods.CreateAsync(Pod($"insight-fill-{agent.Hostname}", $"{(int)Math.Round((agent.CpusCapacity - 0.7) * 1000)}m", nodeSelector: agent.Hostname), Ct);
        }

        await WaitAsync(() => hosts.All(h => app.Feed.Current.Pods.GetValueOrDefault($"default/insight-fill-{h}")?.NodeName is not null));
        await Pods.CreateAsync(Pod("insight-waits", "1"), Ct);

        var page = await app.OpenAsync("/pods/default/insight-waits");

        var kind = page.GetByRole(AriaRole.Status, new() { Name = "Waiting kind" });
        await Expect(kind).ToContainTextAsync("Waits for resources", SoonText);
        await Expect(kind).ToContainTextAsync("closest: ");
        var closest = kind.GetByRole(AriaRole.Link);
        await Expect(closest).ToHaveCountAsync(1);
        Assert.Contains(await closest.InnerTextAsync(), hosts);
        await Expect(kind).ToContainTextAsync("held by running pods");
        await DashboardAppFixture.ScreenshotAsync(page, "pod-waits-for-resources");

        foreach (var host in hosts)
        {
            await Pods.DeleteAsync("default", $"insight-fill-{host}", Ct);
        }

        // Live: the agents free up, the next attempt places it, and the page shows the placement record instead.
        await Expect(page.Locator("[aria-label=Placement]")).ToBeVisibleAsync(Soon);
    }

    [Fact]
    public async Task SchedulingPage_SpreadPod_PlacementRecordWithScoreAndRunnersUp()
    {
        var hosts = (await AgentsAsync()).Select(a => a.Hostname).ToList();
        var pod = Pod("insight-spread", "100m");
        pod.Metadata.Annotations = new Dictionary<string, string> { [PodRequirements.StrategyAnnotation] = "Spread" };
        await Pods.CreateAsync(pod, Ct);

        var page = await app.OpenAsync("/scheduling");

        var records = page.Locator("[aria-label='Placement records']");
        var row = records.GetByRole(AriaRole.Row).Filter(new() { HasText = "insight-spread" });
        await Expect(row).ToContainTextAsync("Spread", SoonText);
        var runnersUp = await row.Locator("td[data-label='Runners-up']").InnerTextAsync();
        // Every other agent fit too: up to three of them, each with its score.
        Assert.Matches(@"^\S+ \d+(\.\d)?(, \S+ \d+(\.\d)?){0,2}$", runnersUp);
        Assert.All(runnersUp.Split(", "), r => Assert.Contains(r.Split(' ')[0], hosts));
        Assert.Matches(@"^\d+(\.\d)?$", await row.Locator("td[data-label='Score']").InnerTextAsync());
        Assert.Matches(@"\d+(\.\d)? (ms|s)$|\d+m \d\ds$", await row.Locator("td[data-label='Waited']").InnerTextAsync());
        await DashboardAppFixture.ScreenshotAsync(page, "scheduling-placement-records");
        await DarkScreenshotAsync(page, "scheduling-placement-records-dark");
    }

    [Fact]
    public async Task AgentsPage_TimelineScrubbedBack_HeatMapShowsTheAgentAsItWasThen()
    {
        var timeline = app.App.Services.GetRequiredService<AgentTimeline>();
        var page = await app.OpenAsync("/agents");
        AgentView Agent(double cpusUsed) => new("e2e-tl", "e2e-timeline.local", 4, 8192, cpusUsed, 1024, 1, new Dictionary<string, string>());

        app.Feed.Publish(new AgentUpdated(Agent(3.6)));
        await Expect(page.GetByRole(AriaRole.Listitem, new() { Name = "e2e-timeline.local · CPU 90%" })).ToBeVisibleAsync(Soon);
        // The recorder has its own subscription: the next change must be a moment of its own, after this one.
        await WaitAsync(() => timeline.AgentsAt(DateTimeOffset.MaxValue).GetValueOrDefault("e2e-tl")?.CpusUsed == 3.6);
        app.Feed.Publish(new AgentUpdated(Agent(0.4)));
        await Expect(page.GetByRole(AriaRole.Listitem, new() { Name = "e2e-timeline.local · CPU 10%" })).ToBeVisibleAsync(Soon);
        await WaitAsync(() => timeline.AgentsAt(DateTimeOffset.MaxValue).GetValueOrDefault("e2e-tl")?.CpusUsed == 0.4);

        var scrubber = page.GetByRole(AriaRole.Group, new() { Name = "Timeline" }).GetByRole(AriaRole.Slider);
        var time = page.GetByRole(AriaRole.Status, new() { Name = "Heat map time" });
        await Expect(time).ToContainTextAsync("Live");
        var past = page.GetByRole(AriaRole.Listitem, new() { Name = "e2e-timeline.local · CPU 90%" });
        await scrubber.FocusAsync();
        // Back one moment at a time (the embedded cluster records moments of its own meanwhile) until the old picture.
        for (var step = 0; step < 400 && await past.CountAsync() == 0; step++)
        {
            var position = int.Parse(await scrubber.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
            await scrubber.PressAsync("ArrowLeft");
            // The page's picture of the moment stepped to (the label counts from 1), not only the slider's new position:
            // looking before the server rendered it let the next step go one moment past the one sought.
            await Expect(time).ToContainTextAsync($"moment {position} of ");
        }

        await Expect(past).ToBeVisibleAsync(Soon);
        await Expect(time).ToContainTextAsync("moment ");
        await DashboardAppFixture.ScreenshotAsync(page, "agents-timeline");
        await DarkScreenshotAsync(page, "agents-timeline-dark");

        await page.GetByRole(AriaRole.Button, new() { Name = "Live" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listitem, new() { Name = "e2e-timeline.local · CPU 10%" })).ToBeVisibleAsync(Soon);
        await Expect(time).ToContainTextAsync("Live");
    }

    /// <summary>The same page in dark mode (the app bar's toggle; the page's own browser context forgets it).</summary>
    private static async Task DarkScreenshotAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Dark mode" }).ClickAsync();
        await Expect(page.Locator(".km-root")).ToHaveAttributeAsync("data-theme", "dark");
        // Off the toggle, so its tooltip is not in the picture.
        await page.Mouse.MoveAsync(700, 900);
        await DashboardAppFixture.ScreenshotAsync(page, name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Dark mode" }).ClickAsync();
        await Expect(page.Locator(".km-root")).ToHaveAttributeAsync("data-theme", "light");
    }

    /// <summary>The embedded cluster's agents once every one has offered (not the timeline test's made-up one).</summary>
    private async Task<IReadOnlyList<AgentView>> AgentsAsync()
    {
        IEnumerable<AgentView> Real() => app.Feed.Current.Agents.Values.Where(a => a.AgentId != "e2e-tl" && a.CpusCapacity > 0);
        await WaitAsync(() => Real().Count() >= 5);
        return [.. Real().OrderBy(a => a.Hostname, StringComparer.Ordinal)];
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private static V1Pod Pod(string name, string cpu, string? nodeSelector = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1PodSpec
        {
            NodeSelector = nodeSelector is null ? null : new Dictionary<string, string> { ["kubernetes.io/hostname"] = nodeSelector },
            Containers = [new V1Container
            {
                Name = "main",
                Image = "nginx:1.27",
                Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new("32Mi") } },
            }],
        },
    };
}
