using KubeMesos.Dashboard.Configuration;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Events;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Components;

/// <summary>
/// A page that shows the live cluster picture. It owns a <see cref="LiveClusterView"/> (started when the page
/// initialises, stopped and awaited when it is disposed) and re-renders after each applied batch, taking the next batch
/// once the browser shows the render (<see cref="ShownRenders"/>).
/// </summary>
public abstract class LivePageBase : ComponentBase, IAsyncDisposable
{
    private LiveClusterView? _live;
    private ShownRenders? _shown;

    [Inject]
    protected IClusterFeed Feed { get; set; } = null!;

    [Inject]
    protected TimeProvider Time { get; set; } = null!;

    [Inject]
    protected IOptions<DashboardOptions> Options { get; set; } = null!;

    [Inject]
    protected ILoggerFactory LoggerFactory { get; set; } = null!;

    /// <summary>The page's live view (pause and resume it, read its counters); null before initialisation.</summary>
    protected LiveClusterView? Live => _live;

    protected ClusterSnapshot Snapshot => _live?.Snapshot ?? Feed.Current;

    protected DateTimeOffset Now => Time.GetUtcNow();

    protected override void OnInitialized()
    {
        _shown = new ShownRenders(Time, Options.Value.RenderThrottle);
        _live = new LiveClusterView(Feed, Time, Options.Value.RenderInterval, LoggerFactory.CreateLogger(GetType()))
        {
            Changed = () => _shown.RenderAsync(() => InvokeAsync(StateHasChanged)),
        };
        _live.Start();
    }

    /// <summary>Derived pages that override this call the base: it tells the live view the browser shows the render.</summary>
    protected override void OnAfterRender(bool firstRender) => _shown?.Shown();

    public virtual async ValueTask DisposeAsync()
    {
        if (_live is not null)
        {
            await _live.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
