using KubeMesos.Dashboard.Components.Dialogs;
using KubeMesos.Dashboard.Model;
using MudBlazor;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>Outstanding offers, the pending queue, recent placements and pods, live.</summary>
public partial class Scheduling
{
    private SchedulingViewModel? _view;
    private ClusterSnapshot? _viewOf;
    private UiClock? _clock;

    /// <summary>The view of the current snapshot, rebuilt only when the snapshot changed.</summary>
    private SchedulingViewModel View
    {
        get
        {
            var snapshot = Snapshot;
            if (_view is null || !ReferenceEquals(snapshot, _viewOf))
            {
                _view = new SchedulingViewModel(snapshot, Options.Value.PlacementsShown);
                _viewOf = snapshot;
            }

            return _view;
        }
    }

    protected override void OnInitialized()
    {
        base.OnInitialized();
        // Only re-renders, so that ages ("3s ago") move on between cluster changes.
        _clock = new UiClock(Time, () => InvokeAsync(StateHasChanged));
    }

    private async Task EditLabelsAsync(PodView pod)
    {
        var parameters = new DialogParameters<EditLabelsDialog>
        {
            { d => d.Namespace, pod.Namespace },
            { d => d.Name, pod.Name },
            { d => d.Labels, pod.Labels },
        };
        await Dialogs.ShowAsync<EditLabelsDialog>($"Labels of {pod.Name}", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
    }

    public override ValueTask DisposeAsync()
    {
        _clock?.Dispose();
        return base.DisposeAsync();
    }
}
