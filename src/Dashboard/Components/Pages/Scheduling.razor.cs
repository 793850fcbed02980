using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>Outstanding offers, the pending queue, recent placements and the latest pods, live.</summary>
public partial class Scheduling
{
    /// <summary>
    /// Row height in pixels (fixed by <c>.km-scheduling-table</c> in site.css, every cell one line), for the virtualized
    /// tables' spacers.
    /// </summary>
    internal const float RowHeight = 37;

    /// <summary>Up to this many rows a table grows with its content; beyond, it scrolls (and virtualizes).</summary>
    private const int RowsBeforeScrolling = 12;

    private SchedulingViewModel? _view;
    private ClusterSnapshot? _viewOf;
    private string? _viewNamespace;
    private UiClock? _clock;

    /// <summary>The view of the current snapshot, rebuilt only when the snapshot changed.</summary>
    private SchedulingViewModel View
    {
        get
        {
            var snapshot = Snapshot;
            if (_view is null || !ReferenceEquals(snapshot, _viewOf) || _viewNamespace != Namespace)
            {
                _view = new SchedulingViewModel(snapshot, Options.Value.PlacementsShown, @namespace: Namespace);
                _viewOf = snapshot;
                _viewNamespace = Namespace;
            }

            return _view;
        }
    }

    /// <summary>
    /// A fixed height only for long tables, which scroll and are virtualized: a short table should not leave an empty
    /// box. 1,000 offers or 10,000 queued pods then render a screenful of rows, not all of them.
    /// </summary>
    private static string? ContainerStyle(int rows) => rows > RowsBeforeScrolling ? "height:480px;" : null;

    private static string TableClass(int rows) =>
        "mud-table mud-xs-table mud-table-dense mud-table-hover mud-elevation-0 km-scheduling-table" + (rows > RowsBeforeScrolling ? " mud-table-sticky-header" : "");

    /// <summary>Virtualization measures the viewport, so only a live circuit has it; a prerender shows the first rows.</summary>
    private bool Virtualized(int rows) => rows > RowsBeforeScrolling && RendererInfo.IsInteractive;

    /// <summary>The app bar's namespace choice: the queue, placements and pods of that namespace only.</summary>
    [SupplyParameterFromQuery(Name = NamespaceQuery.Parameter)]
    public string? Namespace { get; set; }

    private bool IsPaused => Live?.IsPaused ?? false;

    private int WaitingChanges => Live?.WaitingChanges ?? 0;

    /// <summary>Freezes the tables; what arrives meanwhile is kept and counted.</summary>
    private void Pause() => Live?.Pause();

    /// <summary>Shows everything that arrived while paused.</summary>
    private void Resume() => Live?.Resume();

    protected override void OnInitialized()
    {
        base.OnInitialized();
        // Only re-renders, so that ages ("3s ago") move on between cluster changes.
        _clock = new UiClock(Time, () => InvokeAsync(StateHasChanged));
    }

    public override ValueTask DisposeAsync()
    {
        _clock?.Dispose();
        return base.DisposeAsync();
    }
}
