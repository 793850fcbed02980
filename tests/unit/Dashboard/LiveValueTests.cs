using Bunit;
using KubeMesos.Dashboard.Components.Controls;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class LiveValueTests : DashboardTestContext
{
    [Fact]
    public void FeedChanges_OnlyThoseThatChangeTheValue_RenderAgain()
    {
        RenderFragment<int> content = count => builder => builder.AddMarkupContent(0, $"<span id=\"count\">{count}</span>");
        var part = Render<LiveValue<int>>(p => p
            .Add(x => x.Select, s => s.Pods.Count)
            .Add(x => x.ChildContent, content));
        Assert.Equal("0", part.Find("#count").TextContent);
        var renders = part.RenderCount;

        Feed.Publish(new PodUpdated(Pod("web-1")));
        part.WaitForAssertion(() => Assert.Equal("1", part.Find("#count").TextContent));
        var afterPod = part.RenderCount;
        Assert.True(afterPod > renders);

        // A change the value does not depend on (the scheduler's link) is applied, and renders nothing.
        Feed.Publish(new SchedulerStatusChanged(SchedulerStatusView.Disconnected("http://master:5050")));
        Feed.Publish(new PodUpdated(Pod("web-2")));
        part.WaitForAssertion(() => Assert.Equal("2", part.Find("#count").TextContent));
        Assert.Equal(afterPod + 1, part.RenderCount);
    }
}
