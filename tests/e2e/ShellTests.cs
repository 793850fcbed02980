using System.Text;
using System.Text.RegularExpressions;
using KubeMesos.Shared.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>
/// The shell and the dash-shell pages in Chromium against the real app and its embedded cluster: Overview, the
/// namespace picker, Scheduling's Pause, the Agents heat map, adding and failing agents, dark mode, shortcuts and the
/// command palette. Each leaves a screenshot in tests/e2e/artifacts/.
/// </summary>
public sealed class ShellTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToContainTextOptions SoonText = new() { Timeout = 60_000 };

    private const string RcTemplate = """
        {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"NAME","namespace":"NS"},
         "spec":{"replicas":REPLICAS,"selector":{"app":"NAME"},
                 "template":{"metadata":{"labels":{"app":"NAME"}},
                             "spec":{"containers":[{"name":"main","image":"nginx:1.27","resources":{"requests":{"cpu":"500m","memory":"256Mi"}}}]}}}}
        """;

    private static string Rc(string ns, string name, int replicas) =>
        RcTemplate.Replace("NAME", name, StringComparison.Ordinal).Replace("NS", ns, StringComparison.Ordinal)
            .Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private async Task CreateRcAsync(string ns, string name, int replicas)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var body = $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{ns}}}"}}""";
        await http.PostAsync("/api/v1/namespaces", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var created = await http.PostAsync($"/api/v1/namespaces/{ns}/replicationcontrollers",
            new StringContent(Rc(ns, name, replicas), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
    }

    /// <summary>Waits until the feed shows <paramref name="count"/> running pods of the controller.</summary>
    private async Task<IReadOnlyList<PodView>> RunningPodsAsync(string ns, string app_, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var pods = app.Feed.Current.Pods.Values
                .Where(p => p.Namespace == ns && p.Labels.GetValueOrDefault("app") == app_ && p.Phase == PodPhases.Running).ToList();
            if (pods.Count == count)
            {
                return pods;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{pods.Count} of {count} pods of {ns}/{app_} running");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Overview_ShowsTotalsChartsAndControllers()
    {
        await CreateRcAsync("shop", "cart", 2);
        await RunningPodsAsync("shop", "cart", 2);
        var page = await app.OpenAsync("/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync(Soon);
        var resources = page.GetByRole(AriaRole.Region, new() { Name = "Cluster resources" });
        // Five embedded agents of 4 cpus each (and any added by other tests): the CPU row has a total.
        await Expect(resources.GetByRole(AriaRole.Row).Filter(new() { HasText = "CPU" })).ToContainTextAsync(new Regex(@"\d+\.00"));
        await Expect(resources.GetByRole(AriaRole.Row).Filter(new() { HasText = "Disk" })).ToContainTextAsync("GiB");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Utilization chart" }).Locator("svg").First).ToBeVisibleAsync(Soon);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Placements chart" }).Locator("path").First).ToBeAttachedAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Pending queue chart" }).Locator("svg").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Replication controllers" })).ToContainTextAsync("healthy", SoonText);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Running:" })).ToBeVisibleAsync();
        await DashboardAppFixture.ScreenshotAsync(page, "overview");
    }

    [Fact]
    public async Task NamespacePicker_ChoosingANamespace_PutsItInTheUrlAndFilters()
    {
        await CreateRcAsync("team-a", "api", 1);
        await RunningPodsAsync("team-a", "api", 1);
        var page = await app.OpenAsync("/");

        await page.GetByRole(AriaRole.Button, new() { Name = "All namespaces" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "team-a" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"\?ns=team-a$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "team-a", Exact = true })).ToBeVisibleAsync();
        // The Overview counts only team-a's pod; the drawer's links keep the choice.
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Pods by phase" })).ToContainTextAsync("1", SoonText);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Pods" }))
            .ToHaveAttributeAsync("href", new Regex(@"pods\?ns=team-a$"));
        await DashboardAppFixture.ScreenshotAsync(page, "namespace-picker");

        await page.ReloadAsync();
        await page.Locator("[data-circuit=ready]").WaitForAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "team-a", Exact = true })).ToBeVisibleAsync(Soon);
    }

    [Fact]
    public async Task Scheduling_Pause_CountsWaitingChanges_ResumeAppliesThem()
    {
        var page = await app.OpenAsync("/scheduling");
        var queue = page.GetByRole(AriaRole.Region, new() { Name = "Pending queue" });

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status, new() { Name = "Waiting changes" })).ToContainTextAsync("Paused");
        var now = DateTimeOffset.UtcNow;
        app.Feed.Publish(
        [
            new PodUpdated(new PodView("default", "e2e-paused-1", PodPhases.Pending, null, null, null, 64, 1024, new Dictionary<string, string>(), now, "0/5 agents fit: 5 insufficient cpus")),
            new PodUpdated(new PodView("default", "e2e-paused-2", PodPhases.Pending, null, null, null, 64, 1024, new Dictionary<string, string>(), now, "0/5 agents fit: 5 insufficient cpus")),
        ]);

        await Expect(page.GetByRole(AriaRole.Status, new() { Name = "Waiting changes" })).ToContainTextAsync(new Regex(@"[1-9][\d,]* changes? waiting"), SoonText);
        await Expect(queue.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-paused-1" })).ToHaveCountAsync(0);
        await DashboardAppFixture.ScreenshotAsync(page, "scheduling-paused");

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(queue.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-paused-1" })).ToBeVisibleAsync(Soon);
        await Expect(queue.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-paused-2" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status, new() { Name = "Waiting changes" })).ToHaveCountAsync(0);
        app.Feed.Publish([new PodRemoved("default", "e2e-paused-1"), new PodRemoved("default", "e2e-paused-2")]);
    }

    [Fact]
    public async Task Agents_HeatMapOfAThousandAgents_OneCellEach_ClickOpensTheAgent()
    {
        var changes = Enumerable.Range(0, 1000).Select(i => (ClusterChange)new AgentUpdated(
            new AgentView($"e2e-heat-{i:D4}", $"heat-{i:D4}.rack{i % 20}.local", 16, 65536, i % 17, (i * 37) % 65536, i % 9,
                new Dictionary<string, string> { ["rack"] = $"r{i % 20}", ["zone"] = $"z{i % 3}" })
            {
                DiskCapacityMb = 204800, DiskUsedMb = (i * 131) % 204800, PortsCapacity = 1001, PortsUsed = i % 50,
            })).ToList();
        app.Feed.Publish(changes);
        var page = await app.OpenAsync("/agents");

        var map = page.GetByRole(AriaRole.List, new() { Name = "CPU utilization by agent" });
        await Expect(map.GetByRole(AriaRole.Listitem).Nth(999)).ToBeAttachedAsync(new() { Timeout = 30_000 });
        Assert.True(await map.GetByRole(AriaRole.Listitem).CountAsync() >= 1000);
        await DashboardAppFixture.ScreenshotAsync(page, "agents-heatmap-1000");

        await page.GetByRole(AriaRole.Group, new() { Name = "Resource" }).GetByText("Memory", new() { Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("resource=mem"));
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Memory utilization by agent" })).ToBeVisibleAsync(Soon);

        await page.GetByRole(AriaRole.Listitem, new() { Name = "heat-0016.rack16.local" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "heat-0016.rack16.local", Level = 1 })).ToBeVisibleAsync(Soon);
        await Expect(page.GetByText("zone=z1")).ToBeVisibleAsync();

        app.Feed.Publish(changes.Cast<AgentUpdated>().Select(c => (ClusterChange)new AgentRemoved(c.Agent.AgentId)).ToList());
    }

    [Fact]
    public async Task Agents_AddAgentThroughTheForm_ItAppearsAndAWaitingPodLandsThere()
    {
        // A pod only the new agent can take: the framework asks for offers while it waits, so the agent's reach it.
        using (var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) })
        {
            const string pod = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"needs-r42"},
                 "spec":{"nodeSelector":{"k8s.mesosphere.io/attribute-rack":"r42"},"containers":[{"name":"main","image":"busybox"}]}}
                """;
            var created = await http.PostAsync("/api/v1/namespaces/default/pods", new StringContent(pod, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        var page = await app.OpenAsync("/agents");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add agent" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Attributes").FillAsync("rack");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add agent" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Required value");
        await Expect(dialog).ToContainTextAsync("'rack' is not name=value.");
        await DashboardAppFixture.ScreenshotAsync(page, "agents-add-invalid");

        await dialog.GetByLabel("Hostname").FillAsync("e2e-added.local");
        await dialog.GetByLabel("Attributes").FillAsync("rack=r42, zone=z9");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add agent" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-added.local" });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(row).ToContainTextAsync("rack=r42");
        await DashboardAppFixture.ScreenshotAsync(page, "agents");

        await row.GetByRole(AriaRole.Link, new() { Name = "e2e-added.local" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Pods on this agent" })).ToContainTextAsync("default/needs-r42", SoonText);
        await DashboardAppFixture.ScreenshotAsync(page, "agent-page");
    }

    [Fact]
    public async Task Agents_FailAnAgent_ItsPodsArePlacedElsewhere()
    {
        await CreateRcAsync("failover", "web", 3);
        var pods = await RunningPodsAsync("failover", "web", 3);
        var victim = app.Feed.Current.Agents[pods[0].AgentId!];
        var page = await app.OpenAsync($"/agents/{victim.AgentId}");

        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Pods on this agent" })).ToContainTextAsync(pods[0].Name, SoonText);
        await page.GetByRole(AriaRole.Button, new() { Name = "Fail agent" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync(victim.Hostname);
        await DashboardAppFixture.ScreenshotAsync(page, "agent-fail-confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Fail agent" }).ClickAsync();

        await Expect(page.GetByText($"Agent {victim.AgentId} is not registered")).ToBeVisibleAsync(Soon);
        var replaced = await ReplacedElsewhereAsync(victim.AgentId);
        await page.GotoAsync("/scheduling");
        var placements = page.GetByRole(AriaRole.Region, new() { Name = "Recent placements" });
        await Expect(placements.GetByRole(AriaRole.Row).Filter(new() { HasText = replaced.Name })).ToBeVisibleAsync(Soon);
        await Expect(placements.GetByRole(AriaRole.Row).Filter(new() { HasText = replaced.Name })).Not.ToContainTextAsync(victim.Hostname);
        await DashboardAppFixture.ScreenshotAsync(page, "agent-failed-rescheduled");

        async Task<PodView> ReplacedElsewhereAsync(string lost)
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                var running = app.Feed.Current.Pods.Values
                    .Where(p => p.Namespace == "failover" && p.Phase == PodPhases.Running && p.AgentId is not null).ToList();
                var fresh = running.Where(p => pods.All(o => o.Name != p.Name)).ToList();
                if (running.Count == 3 && running.All(p => p.AgentId != lost) && fresh.Count > 0)
                {
                    return fresh[0];
                }

                Assert.True(DateTime.UtcNow < deadline, "the controller did not replace the failed agent's pod elsewhere");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }

    [Fact]
    public async Task DarkMode_Toggled_SurvivesReload()
    {
        var context = await app.NewContextAsync();
        var page = await app.OpenAsync("/", context);
        var root = page.Locator(".km-root");
        await Expect(root).ToHaveAttributeAsync("data-theme", "light");

        await page.GetByRole(AriaRole.Button, new() { Name = "Dark mode" }).ClickAsync();
        await Expect(root).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Dark mode" })).ToHaveAttributeAsync("aria-pressed", "true");

        await page.ReloadAsync();
        // Dark already in the prerendered page (the cookie is read on the server), then interactive.
        await Expect(root).ToHaveAttributeAsync("data-theme", "dark");
        await page.Locator("[data-circuit=ready]").WaitForAsync();
        await Expect(root).ToHaveAttributeAsync("data-theme", "dark");
        await DashboardAppFixture.ScreenshotAsync(page, "overview-dark");

        await page.GetByRole(AriaRole.Button, new() { Name = "Dark mode" }).ClickAsync();
        await Expect(root).ToHaveAttributeAsync("data-theme", "light");
    }

    [Fact]
    public async Task QuestionMark_OpensTheShortcutsDialog_GThenAGoesToAgents()
    {
        var page = await app.OpenAsync("/");

        await page.Keyboard.PressAsync("Shift+Slash");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Expect(dialog).ToBeVisibleAsync(Soon);
        await Expect(dialog).ToContainTextAsync("Go to Agents");
        await DashboardAppFixture.ScreenshotAsync(page, "shortcuts");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("a");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agents", Level = 1 })).ToBeVisibleAsync(Soon);
    }

    [Fact]
    public async Task CtrlK_FindsAPod_EnterNavigatesToIt()
    {
        app.Feed.Publish(new PodUpdated(new PodView("default", "e2e-findme-7", PodPhases.Running, "agent-x", "agent-x", "TASK_RUNNING", 1, 128,
            new Dictionary<string, string>(), DateTimeOffset.UtcNow, null)));
        var page = await app.OpenAsync("/scheduling");

        await page.Keyboard.PressAsync("Control+k");
        var search = page.GetByRole(AriaRole.Textbox, new() { Name = "Search" });
        await Expect(search).ToBeVisibleAsync(Soon);
        await search.PressSequentiallyAsync("findme");
        var results = page.GetByRole(AriaRole.Listbox, new() { Name = "Results" });
        await Expect(results.GetByRole(AriaRole.Option).First).ToContainTextAsync("default/e2e-findme-7");
        await DashboardAppFixture.ScreenshotAsync(page, "command-palette");
        await search.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/pods/default/e2e-findme-7$"), new() { Timeout = 15_000 });
        app.Feed.Publish(new PodRemoved("default", "e2e-findme-7"));
    }
}
