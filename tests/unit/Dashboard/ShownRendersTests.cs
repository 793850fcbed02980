using KubeMesos.Dashboard.Model;
using Microsoft.Extensions.Time.Testing;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class ShownRendersTests
{
    [Fact]
    public async Task RenderAsync_BrowserShowsIt_DoneWithoutWaitingForTheCap()
    {
        var time = new FakeTimeProvider();
        var shown = new ShownRenders(time, TimeSpan.FromSeconds(10));
        var rendered = 0;

        var render = shown.RenderAsync(() =>
        {
            rendered++;
            return Task.CompletedTask;
        });
        Assert.Equal(1, rendered);
        Assert.False(render.IsCompleted);

        shown.Shown();
        await render.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(1, shown.ShownCount);
    }

    [Fact]
    public async Task RenderAsync_NeverShown_DoneWhenTheCapRunsOut()
    {
        var time = new FakeTimeProvider();
        var shown = new ShownRenders(time, TimeSpan.FromMilliseconds(150));

        var render = shown.RenderAsync(() => Task.CompletedTask);
        time.Advance(TimeSpan.FromMilliseconds(149));
        Assert.False(render.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await render.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(0, shown.ShownCount);
    }

    [Fact]
    public async Task Shown_DuringTheRenderItself_CountsForThatRender()
    {
        // bUnit and a fast circuit run OnAfterRender before InvokeAsync(StateHasChanged) returns.
        var shown = new ShownRenders(new FakeTimeProvider(), TimeSpan.FromSeconds(10));

        await shown.RenderAsync(() =>
        {
            shown.Shown();
            return Task.CompletedTask;
        }).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, shown.ShownCount);
    }
}
