using Bunit;
using KubeMesos.Dashboard.Components.Controls;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Leadership;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class LeaderChipTests : DashboardTestContext
{
    [Fact]
    public void SingleReplica_ShowsNothing()
    {
        var chip = Render<LeaderChip>();

        Assert.Empty(chip.FindAll("[aria-label=Leader]"));
    }

    [Fact]
    public void Elected_ShowsWhoLeads_AndFollowsChanges()
    {
        Leadership.Elected = true;
        var chip = Render<LeaderChip>();
        Assert.Contains("No leader", chip.Find("[aria-label=Leader]").TextContent, StringComparison.Ordinal);

        Leadership.Set("replica-b", DateTimeOffset.UnixEpoch);
        chip.WaitForAssertion(() => Assert.Equal("Leader: replica-b", chip.Find("[aria-label=Leader]").TextContent.Trim()));

        Leadership.Set("replica-a", DateTimeOffset.UnixEpoch);
        chip.WaitForAssertion(() => Assert.Equal("Leader: replica-a (this replica)", chip.Find("[aria-label=Leader]").TextContent.Trim()));
    }

    [Fact]
    public void LeaderText_Tooltip_SaysWhoSchedulesAndWhoServes()
    {
        var follower = new LeaderView("replica-a", "replica-b", new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));

        Assert.Equal("replica-a schedules since 2026-12-01 23:00:00 UTC; this page is served by replica-b, a follower, from the shared store", LeaderText.Tooltip(follower));
        Assert.Equal("An election is on; this page is served by replica-b", LeaderText.Tooltip(follower with { Leader = null }));
        Assert.Equal("replica-b schedules", LeaderText.Tooltip(new LeaderView("replica-b", "replica-b", null)));
    }
}
