using Bunit;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class AgentsPageTests : DashboardTestContext
{
    [Fact]
    public void Render_NoAgents_EmptyStateSaysWhatToDo()
    {
        var page = Render<Agents>();

        Assert.Contains("No agents registered", page.Markup);
        Assert.Contains("Add an agent to the embedded cluster", page.Markup);
    }

    [Fact]
    public void Render_AgentPublished_RowWithFourResourcesAndAttributes_AndAHeatCell()
    {
        var page = Render<Agents>();

        Feed.Publish(new AgentUpdated(Agent("a1", "agent-1.local", cpusUsed: 1, cpus: 4, memUsed: 512, mem: 2048, pods: 2) with
        {
            DiskCapacityMb = 4096, DiskUsedMb = 1024, PortsCapacity = 1001, PortsUsed = 3,
        }));

        page.WaitForAssertion(() =>
        {
            var row = page.FindAll("tr").Single(r => r.TextContent.Contains("agent-1.local"));
            Assert.Contains("1.00 / 4.00 cpus", row.TextContent);
            Assert.Contains("512 MiB / 2.00 GiB", row.TextContent);
            Assert.Contains("1.00 GiB / 4.00 GiB", row.TextContent);
            Assert.Contains("3 / 1,001 ports", row.TextContent);
            Assert.Contains("rack=r1", row.TextContent);
            Assert.Equal(["25", "25", "25", "0"], row.QuerySelectorAll("[role=meter]").Select(m => m.GetAttribute("aria-valuenow")));
        });
        var cell = page.Find("[role=list] a[role=listitem]");
        Assert.Equal("agents/a1", cell.GetAttribute("href"));
        Assert.Contains("km-heat-3", cell.ClassList);
        Assert.StartsWith("agent-1.local · CPU 25%", cell.GetAttribute("title"));
    }

    [Fact]
    public void Render_ResourceInQuery_HeatMapColouredByIt()
    {
        Feed.Publish(new AgentUpdated(Agent("a1", "agent-1.local", cpusUsed: 4, cpus: 4, memUsed: 0, mem: 2048)));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("resource", "mem"));

        var page = Render<Agents>();

        Assert.NotNull(page.Find("[aria-label='Memory utilization by agent']"));
        Assert.Contains("km-heat-0", page.Find("a[role=listitem]").ClassList);
    }

    [Fact]
    public void Render_AThousandAgents_OneCellEach()
    {
        Feed.Publish(Enumerable.Range(0, 1000).Select(i => (ClusterChange)new AgentUpdated(Agent($"a{i}", $"h{i:D4}", i % 4, 4, 0, 1024))).ToList());

        var page = Render<Agents>();

        Assert.Equal(1000, page.FindAll("a[role=listitem]").Count);
    }

    [Fact]
    public void Render_AgentRemoved_RowDisappears()
    {
        Feed.Publish(new AgentUpdated(Agent("a1", "agent-1.local", 1, 4, 512, 2048)));
        var page = Render<Agents>();
        Assert.Contains("agent-1.local", page.Markup);

        Feed.Publish(new AgentRemoved("a1"));

        page.WaitForAssertion(() => Assert.Contains("No agents registered", page.Markup));
    }

    [Fact]
    public async Task AddAgent_InvalidThenValid_ErrorsInlineThenTheMasterHasIt()
    {
        Feed.Publish(new AgentUpdated(Agent("a1", "agent-1.local", 1, 4, 512, 2048)));
        var provider = Render<MudDialogProvider>();
        var page = Render<Agents>();
        var master = Services.GetRequiredService<EmbeddedMesosMaster>();
        var before = master.GetAgents().Count;

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Add agent").Click());
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[role=dialog]")));
        var submit = () => provider.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == "Add agent");
        await provider.InvokeAsync(() => submit().Click());

        provider.WaitForAssertion(() => Assert.Contains("Required value", provider.Markup));
        Assert.Equal(before, master.GetAgents().Count);

        provider.FindAll("[role=dialog] input").First().Input("bunit-added.local");
        provider.FindAll("[role=dialog] input").Last().Input("rack=r7");
        await provider.InvokeAsync(() => submit().Click());

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[role=dialog]")));
        var added = Assert.Single(master.GetAgents(), a => a.Hostname == "bunit-added.local");
        Assert.Equal("r7", added.Attributes["rack"]);
    }
}
