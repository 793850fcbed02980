namespace KubeMesos.Dashboard.Model;

/// <summary>
/// Lets a live view wait until the browser shows a render before it takes the next batch: Blazor Server runs a
/// component's <c>OnAfterRender</c> when the client acknowledges the render batch, so <see cref="Shown"/> called from
/// there ends the wait. An idle page thus shows each change at once, and a page whose browser is busy (many open tabs,
/// a slow machine) coalesces what arrives meanwhile into its next render, instead of every page waiting a fixed throttle.
/// The wait is capped, so a render that changes nothing (no <c>OnAfterRender</c>) or a lost acknowledgement delays the
/// next one by at most <c>cap</c>.
/// </summary>
/// <remarks>One per component; <see cref="RenderAsync"/> from the view's loop, <see cref="Shown"/> from the renderer.</remarks>
public sealed class ShownRenders(TimeProvider time, TimeSpan cap)
{
    private TaskCompletionSource? _pending;

    /// <summary>How many renders were shown before the cap ran out (diagnostics and tests).</summary>
    public int ShownCount { get; private set; }

    /// <summary>Requests a render with <paramref name="render"/>, then waits until it is shown or <c>cap</c> passed.</summary>
    public async Task RenderAsync(Func<Task> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        var shown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pending, shown);
        await render().ConfigureAwait(false);
        if (shown.Task.IsCompleted || cap <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(cap, time);
        using (timeout.Token.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), shown))
        {
            await shown.Task.ConfigureAwait(false);
        }
    }

    /// <summary>The browser shows the latest render (call from <c>OnAfterRender</c>).</summary>
    public void Shown()
    {
        if (Interlocked.Exchange(ref _pending, null) is { } pending && pending.TrySetResult())
        {
            ShownCount++;
        }
    }
}
