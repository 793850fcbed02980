using Bunit;
using KubeMesos.Dashboard.Components.Controls;
using KubeMesos.Dashboard.Components.Dialogs;
using KubeMesos.Dashboard.Components.Layout;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class ShellPagesTests : DashboardTestContext
{
    private static readonly Dictionary<string, string> NoLabels = [];

    [Fact]
    public void Overview_EmptyCluster_SaysWhatToDo()
    {
        var page = Render<Overview>();

        Assert.Contains("This cluster runs nothing yet", page.Markup);
        Assert.Contains("load the sample workload", page.Markup);
        Assert.Contains("No warnings", page.Markup);
    }

    [Fact]
    public void Overview_LiveData_TotalsPhasesControllersWarnings()
    {
        var page = Render<Overview>();

        Feed.Publish(
        [
            new AgentUpdated(Agent("a1", "h1", cpusUsed: 1, cpus: 4, memUsed: 1024, mem: 8192)),
            new OfferReceived(Offer("o1", "h1", cpus: 2, memMb: 2048)),
            new PodUpdated(Pod("web-1", PodPhases.Running, node: "h1")),
            new PodUpdated(Pod("big", message: "0/1 agents fit")),
            new ReplicationControllerUpdated(new ReplicationControllerView("default", "web", "u", 2, 1, 1, NoLabels, NoLabels, NoLabels, Now)),
            new EventRecorded(new KubeMesos.Shared.Contracts.EventView("default", "e1", KubeMesos.Shared.Contracts.EventView.Warning, "FailedScheduling", "0/1 agents fit: 1 insufficient cpus", "Pod", "default", "big", 1, Now.AddSeconds(-5))),
        ]);

        page.WaitForAssertion(() =>
        {
            var cpu = page.FindAll("tr").First(r => r.TextContent.Contains("CPU"));
            Assert.Equal(["4.00", "1.00", "2.00", "1.00"], cpu.QuerySelectorAll("td.km-numeric").Select(c => c.TextContent.Trim()));
            Assert.Contains("0 healthy", page.Markup);
            Assert.Contains("1 not ready", page.Markup);
            Assert.Contains("default/web", page.Markup);
            Assert.Contains("FailedScheduling", page.Markup);
        });
        Assert.Equal("Running: 1", page.FindAll("a").Single(a => a.GetAttribute("aria-label")?.StartsWith("Running", StringComparison.Ordinal) == true).GetAttribute("aria-label"));
        Assert.DoesNotContain("This cluster runs nothing yet", page.Markup);
        var warningTime = page.Find("time");
        Assert.Equal("5s ago", warningTime.TextContent.Trim());
    }

    [Fact]
    public void Overview_HistoryRecorded_ChartsDrawIt()
    {
        var t = DateTimeOffset.UtcNow;
        var snapshot = ClusterSnapshot.Empty().Apply(new AgentUpdated(Agent("a1", "h1", 2, 4, 0, 1024)));
        History.Observe(snapshot, 3, t.AddSeconds(-2));
        History.Observe(snapshot, 1, t.AddSeconds(-1));

        var page = Render<Overview>();

        var charts = page.FindComponents<MudChart<double>>().Select(c => c.Instance.ChartSeries).ToList();
        Assert.Equal(3, charts.Count);
        Assert.Equal(["CPU %", "Memory %"], charts[0].Select(s => s.Name));
        Assert.Equal([50.0, 50.0], charts[0][0].Data.Values.TakeLast(2));
        Assert.Equal([3.0, 1.0], charts[1][0].Data.Values.TakeLast(2));
        Assert.Equal("Pending pods", charts[2][0].Name);
    }

    [Fact]
    public void Overview_NamespaceInQuery_CountsOnlyIt()
    {
        Feed.Publish([new PodUpdated(Pod("a")), new PodUpdated(Pod("b") with { Namespace = "other" })]);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("ns", "other"));

        var page = Render<Overview>();

        Assert.Contains(">other<", page.Markup);
        Assert.Equal("Pending: 1", page.FindAll("a").Single(a => a.GetAttribute("aria-label")?.StartsWith("Pending", StringComparison.Ordinal) == true).GetAttribute("aria-label"));
        Assert.Contains("pods?ns=other&amp;phase=Pending", page.Markup);
    }

    [Fact]
    public async Task Scheduling_PauseThenResume_CounterThenApplied()
    {
        var page = Render<Scheduling>();

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Pause").Click());
        Feed.Publish([new PodUpdated(Pod("late-1")), new PodUpdated(Pod("late-2"))]);

        page.WaitForAssertion(() => Assert.Contains("Paused: 2 changes waiting", page.Markup));
        Assert.DoesNotContain("late-1", page.Markup);

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Resume").Click());

        page.WaitForAssertion(() => Assert.Contains("late-1", page.Markup));
        Assert.Contains("late-2", page.Markup);
        Assert.DoesNotContain("changes waiting", page.Markup);
    }

    [Fact]
    public async Task AgentPage_ShowsPodsAndAttributes_FailAgentAfterConfirmation()
    {
        var master = Services.GetRequiredService<EmbeddedMesosMaster>();
        var agent = master.GetAgents()[0];
        Feed.Publish(
        [
            new AgentUpdated(Agent(agent.AgentId, agent.Hostname, 1, 4, 256, 8192)),
            new PodUpdated(Pod("on-it", PodPhases.Running, node: agent.Hostname) with { AgentId = agent.AgentId }),
            new PodUpdated(Pod("elsewhere", PodPhases.Running, node: "other")),
        ]);
        var provider = Render<MudDialogProvider>();
        var page = Render<Agent>(p => p.Add(a => a.AgentId, agent.AgentId));

        Assert.Contains("on-it", page.Markup);
        Assert.DoesNotContain("elsewhere", page.Markup);
        Assert.Contains("zone=a", page.Markup);
        Assert.NotNull(page.Find($"button[aria-label='Copy {agent.Hostname}']"));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Fail agent").Click());
        provider.WaitForAssertion(() => Assert.Contains($"Fail agent {agent.Hostname}?", provider.Markup));
        Assert.Contains(master.GetAgents(), a => a.AgentId == agent.AgentId);
        await provider.InvokeAsync(() => provider.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == "Fail agent").Click());

        page.WaitForAssertion(() => Assert.DoesNotContain(master.GetAgents(), a => a.AgentId == agent.AgentId));
    }

    [Fact]
    public async Task AgentPage_RemoveCancelled_AgentStays()
    {
        var master = Services.GetRequiredService<EmbeddedMesosMaster>();
        var agent = master.GetAgents()[0];
        Feed.Publish(new AgentUpdated(Agent(agent.AgentId, agent.Hostname, 1, 4, 256, 8192)));
        var provider = Render<MudDialogProvider>();
        var page = Render<Agent>(p => p.Add(a => a.AgentId, agent.AgentId));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Remove agent").Click());
        provider.WaitForAssertion(() => Assert.Contains($"Remove agent {agent.Hostname}?", provider.Markup));
        await provider.InvokeAsync(() => provider.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == "Cancel").Click());

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[role=dialog]")));
        Assert.Contains(master.GetAgents(), a => a.AgentId == agent.AgentId);
    }

    [Fact]
    public void AgentPage_UnknownAgent_SaysItIsGone()
    {
        var page = Render<Agent>(p => p.Add(a => a.AgentId, "nope"));

        Assert.Contains("Agent nope is not registered", page.Markup);
        Assert.DoesNotContain("Fail agent", page.Markup);
    }

    [Fact]
    public void Layout_DrawerInTheIssuesOrder_LinksKeepTheNamespace()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("ns", "team-a"));

        var menu = Render<NavMenu>();

        var links = menu.FindAll("a");
        Assert.Equal(["Overview", "Scheduling", "Agents", "Pods", "Services", "Replication controllers", "Labels", "Events"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal("?ns=team-a", links[0].GetAttribute("href"));
        Assert.Equal("pods?ns=team-a", links[3].GetAttribute("href"));
    }

    [Fact]
    public async Task NamespacePicker_Choose_WritesNsIntoTheUrl()
    {
        var popovers = Render<MudPopoverProvider>();
        var snapshot = ClusterSnapshot.Empty().Apply([new PodUpdated(Pod("a")), new PodUpdated(Pod("b") with { Namespace = "team-b" })]);
        var picker = Render<NamespacePicker>(p => p.Add(n => n.Snapshot, snapshot));
        var navigation = Services.GetRequiredService<NavigationManager>();

        Assert.Contains("All namespaces", picker.Find("button").TextContent);
        await picker.InvokeAsync(() => picker.Find("button").Click());
        popovers.WaitForAssertion(() => Assert.Contains("team-b", popovers.Markup));
        await popovers.InvokeAsync(() => popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "team-b").Click());

        Assert.EndsWith("?ns=team-b", navigation.Uri);
        picker.WaitForAssertion(() => Assert.Contains("team-b", picker.Find("button").TextContent));
    }

    [Fact]
    public void RelativeTime_AgeWithExactTimeInTitle()
    {
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        var time = Render<RelativeTime>(p => p.Add(t => t.Value, now.AddSeconds(-5)).Add(t => t.Now, now));

        var element = time.Find("time");
        Assert.Equal("5s ago", element.TextContent.Trim());
        Assert.Equal("2026-12-01 11:59:55Z", element.GetAttribute("title"));
    }

    [Fact]
    public async Task CopyButton_Click_CopiesThroughShellJs()
    {
        var module = JSInterop.SetupModule("./js/shell.js");
        module.SetupVoid("copyText", "web-1").SetVoidResult();
        var button = Render<CopyButton>(p => p.Add(c => c.Text, "web-1"));

        await button.InvokeAsync(() => button.Find("button[aria-label='Copy web-1']").Click());

        module.VerifyInvoke("copyText");
    }

    [Fact]
    public async Task ShortcutsDialog_ListsEveryShortcut()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        await provider.InvokeAsync(() => dialogs.ShowAsync<ShortcutsDialog>("Keyboard shortcuts"));

        provider.WaitForAssertion(() => Assert.Contains("Go to Replication controllers", provider.Markup));
        Assert.Contains("Ctrl+K", provider.Markup);
        Assert.Contains("Toggle dark mode", provider.Markup);
    }

    [Fact]
    public async Task CommandPalette_TypeAndEnter_NavigatesToThePod()
    {
        Feed.Publish(new PodUpdated(Pod("findme-1")));
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var navigation = Services.GetRequiredService<NavigationManager>();

        await provider.InvokeAsync(() => dialogs.ShowAsync<CommandPaletteDialog>("Search"));
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("input")));
        provider.Find("input").Input("findme");
        provider.WaitForAssertion(() => Assert.Contains("default/findme-1", provider.Find("[role=listbox]").TextContent));
        provider.Find("input").KeyDown("Enter");

        Assert.EndsWith("/pods/default/findme-1", navigation.Uri);
    }

    [Fact]
    public void ErrorBoundary_PageThrows_ShowsErrorAndRecovers()
    {
        var boundary = Render<ShellErrorBoundary>(p => p
            .Add(b => b.ChildContent, (RenderFragment)(b => b.AddContent(0, Throw())))
            .Add(b => b.ErrorContent, (RenderFragment<Exception>)(e => b => b.AddContent(0, "failed: " + e.Message))));

        Assert.Contains("failed: page broke", boundary.Markup);
        Assert.Equal("page broke", boundary.Instance.Error?.Message);

        static string Throw() => throw new InvalidOperationException("page broke");
    }
}
