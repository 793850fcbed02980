using Bunit;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class EventsPageTests : DashboardTestContext
{
    [Fact]
    public void Events_FromTheFeed_NewestFirstAndLive()
    {
        Feed.Publish(new EventRecorded(EventView("e1", "Scheduled", "Pod", "web-1", "Successfully assigned default/web-1 to agent-0", Now.AddMinutes(-2))));
        var page = Render<Events>();
        page.WaitForAssertion(() => Assert.Contains("Successfully assigned default/web-1", page.Markup));

        Feed.Publish(new EventRecorded(EventView("e2", "FailedScheduling", "Pod", "huge", "0/5 agents fit: 5 insufficient cpus", Now.AddMinutes(-1), "Warning")));

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("tbody tr");
            Assert.Equal(2, rows.Count);
            Assert.Contains("FailedScheduling", rows[0].TextContent);
            Assert.NotNull(rows[0].QuerySelector("a[href='pods/default/huge']"));
        });
    }

    [Fact]
    public void Events_SearchInTheUrl_Filters()
    {
        Feed.Publish([
            new EventRecorded(EventView("e1", "Scheduled", "Pod", "web-1", "assigned to agent-0", Now.AddMinutes(-2))),
            new EventRecorded(EventView("e2", "NodeLost", "Pod", "db-0", "Agent S3 was lost", Now.AddMinutes(-1), "Warning")),
        ]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/events?q=lost");

        var page = Render<Events>();

        var row = Assert.Single(page.FindAll("tbody tr"));
        Assert.Contains("db-0", row.TextContent);
    }

    [Fact]
    public void Model_Filter_ObjectReasonOrMessageCaseInsensitiveAndNamespace()
    {
        var model = new EventsModel();
        var other = EventView("e3", "Scheduled", "Pod", "web-9", "assigned", Now) with { Namespace = "team" };
        model.Show(ClusterSnapshot.Empty().Apply([
            new EventRecorded(EventView("e1", "Scheduled", "Pod", "web-1", "assigned to agent-0", Now.AddMinutes(-2))),
            new EventRecorded(EventView("e2", "NodeLost", "Pod", "db-0", "Agent S3 was lost", Now.AddMinutes(-1), "Warning")),
            new EventRecorded(other),
        ]));

        Assert.True(model.Apply(null, "WEB"));
        Assert.Equal(["e3", "e1"], model.Rows.Select(e => e.Name));
        Assert.True(model.Apply("team", "web"));
        Assert.Equal(["e3"], model.Rows.Select(e => e.Name));
        Assert.False(model.Apply("team", "web"));
        Assert.Equal("pod/db-0", EventsModel.ObjectOf(EventView("x", "r", "Pod", "db-0", "", Now)));
        Assert.Null(EventsModel.LinkOf(EventView("x", "r", "Node", "agent-0", "", Now)));
    }
}
