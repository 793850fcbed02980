using KubeMesos.Dashboard.Model;

namespace KubeMesos.Dashboard.Components.Layout;

public partial class MainLayout
{
    private LiveClusterView _live = null!;
    private bool _drawerOpen = true;
    private bool _circuitReady;

    protected override void OnInitialized()
    {
        _live = new LiveClusterView(Feed, Time, Options.Value.RenderThrottle) { Changed = () => InvokeAsync(StateHasChanged) };
        _live.Start();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Never runs while prerendering: once it does, the circuit is up and the page answers clicks.
        if (firstRender)
        {
            _circuitReady = true;
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    public ValueTask DisposeAsync() => _live.DisposeAsync();
}
