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
        Assert.False(render.IsCompleted); // 150 ms without an answer: the browser is busy, so the view leaves it as long again

        time.Advance(TimeSpan.FromMilliseconds(149));
        Assert.False(render.IsCompleted);
        await AdvanceUntilDoneAsync(time, render);
        Assert.Equal(0, shown.ShownCount);
    }

    [Fact]
    public async Task RenderAsync_QuickBrowser_NoPauseAfterwards_SlowBrowser_PausedAsLongAsItTook()
    {
        var time = new FakeTimeProvider();
        var shown = new ShownRenders(time, TimeSpan.FromSeconds(1));

        var quick = shown.RenderAsync(() => Task.CompletedTask);
        time.Advance(TimeSpan.FromMilliseconds(20));
        shown.Shown();
        await quick.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var slow = shown.RenderAsync(() => Task.CompletedTask);
        time.Advance(TimeSpan.FromMilliseconds(400));
        shown.Shown();
        time.Advance(TimeSpan.FromMilliseconds(399));
        Assert.False(slow.IsCompleted);
        await AdvanceUntilDoneAsync(time, slow);
        Assert.Equal(2, shown.ShownCount);
    }

    /// <summary>
    /// Moves the fake clock on in small steps until <paramref name="task"/> is done: the pause's timer is made by a
    /// continuation on another thread, so one big step could pass before it exists. Bounded, so a bug fails the test.
    /// </summary>
    private static async Task AdvanceUntilDoneAsync(FakeTimeProvider time, Task task)
    {
        for (var step = 0; step < 10_000 && !task.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(5));
            await Task.WhenAny(task, Task.Delay(1, TestContext.Current.CancellationToken));
        }

        await task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
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
