using Xunit;
using Bunit;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class AgentsPageTests : DashboardTestContext
{
    [Fact]
    public void Render_NoAgents_ShowsEmptyState()
    {
        var page = Render<Agents>();

        Assert.Contains("No agents registered", page.Markup);
    }

    [Fact]
    public void Render_AgentPublished_ShowsUsageBarsNumbersAndAttributes()
    {
        var page = Render<Agents>();

        Feed.Publish(new AgentUpdated(Agent("a1", "agent-1.local", cpusUsed: 1, cpus: 4, memUsed: 512, mem: 2048, pods: 2)));

        page.WaitForAssertion(() =>
        {
            Assert.Contains("agent-1.local", page.Markup);
            var bars = page.FindAll(".mud-progress-linear");
            Assert.Equal(2, bars.Count);
            Assert.Contains("1.00 / 4.00 cpus", page.Markup);
            Assert.Contains("512 MiB / 2.00 GiB", page.Markup);
            Assert.Contains("2 pods", page.Markup);
            Assert.Contains("rack=r1", page.Markup);
            Assert.Contains("zone=a", page.Markup);
        });
        var bars = page.FindAll("[role=progressbar]");
        Assert.Equal(["25", "25"], bars.Select(b => b.GetAttribute("aria-valuenow")));
    }

    [Fact]
    public void Render_AgentRemoved_CardDisappears()
    {
        Feed.Publish(new AgentUpdated(Agent("a1", "agent-1.local", 1, 4, 512, 2048)));
        var page = Render<Agents>();
        Assert.Contains("agent-1.local", page.Markup);

        Feed.Publish(new AgentRemoved("a1"));

        page.WaitForAssertion(() => Assert.Contains("No agents registered", page.Markup));
    }
}
