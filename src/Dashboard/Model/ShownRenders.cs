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
        var started = time.GetTimestamp();
        await render().ConfigureAwait(false);
        if (!shown.Task.IsCompleted && cap > TimeSpan.Zero)
        {
            using var timeout = new CancellationTokenSource(cap, time);
            using (timeout.Token.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), shown))
            {
                await shown.Task.ConfigureAwait(false);
            }
        }

        // A browser that took long to show this render is busy (other tabs, a slow machine): leave it as long again
        // before the next one, so it spends at most about half its time on our renders and coalesces more changes into
        // each. A quick browser (the usual case) is not held back: the pause is only what it beyond a frame.
        var took = time.GetElapsedTime(started);
        if (took > BusyAfter)
        {
            await Task.Delay(took < cap ? took : cap, time).ConfigureAwait(false);
        }
    }

    /// <summary>How long showing a render may take before the browser counts as busy (a few frames).</summary>
    public static TimeSpan BusyAfter { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The browser shows the latest render (call from <c>OnAfterRender</c>).</summary>
    public void Shown()
    {
        if (Interlocked.Exchange(ref _pending, null) is { } pending && pending.TrySetResult())
        {
            ShownCount++;
        }
    }
}
