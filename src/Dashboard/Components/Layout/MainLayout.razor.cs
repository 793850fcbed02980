using KubeMesos.Dashboard.Components.Dialogs;
using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor;

namespace KubeMesos.Dashboard.Components.Layout;

/// <summary>
/// The shell: app bar (namespace picker, search, master link, shortcuts, dark mode), drawer, and the page inside an
/// error boundary. Owns the keyboard shortcuts (shell.js sends keys to <see cref="OnShortcut"/>).
/// </summary>
public partial class MainLayout
{
    private bool _drawerOpen = true;
    private bool _circuitReady;
    private bool _dark;
    private bool _dialogOpen;
    private ShellErrorBoundary? _boundary;
    private IJSObjectReference? _module;
    private DotNetObjectReference<MainLayout>? _self;
    private readonly ShortcutMap _shortcuts = new();

    /// <summary>The theme the request's cookie chose (App reads it while prerendering).</summary>
    [CascadingParameter(Name = ThemePreference.Cascade)]
    public bool InitialDarkMode { get; set; }

    protected override void OnInitialized()
    {
        _dark = InitialDarkMode;
        // A page that failed shows again once the person goes elsewhere.
        Navigation.LocationChanged += OnLocationChanged;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Never runs while prerendering: once it does, the circuit is up and the page answers clicks.
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            try
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/shell.js");
                await _module.InvokeVoidAsync("listenShortcuts", _self);
            }
            catch (JSException e)
            {
                LoggerFactory.CreateLogger<MainLayout>().LogWarning(e, "Keyboard shortcuts are off: shell.js did not load");
            }

            _circuitReady = true;
            StateHasChanged();
        }
    }

    /// <summary>A key pressed outside a text field (from shell.js).</summary>
    [JSInvokable]
    public async Task OnShortcut(string key, bool ctrl)
    {
        var (action, href) = _shortcuts.Press(key, ctrl);
        switch (action)
        {
            case ShortcutAction.Navigate:
                Navigation.NavigateTo(NamespaceQuery.Link(href ?? "", NamespaceQuery.Current(Navigation)));
                break;
            case ShortcutAction.Help:
                await InvokeAsync(OpenShortcutsAsync);
                break;
            case ShortcutAction.Palette:
                await InvokeAsync(OpenPaletteAsync);
                break;
            case ShortcutAction.ToggleTheme:
                await InvokeAsync(ToggleThemeAsync);
                break;
        }
    }

    private async Task ToggleThemeAsync()
    {
        _dark = !_dark;
        StateHasChanged();
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("setTheme", _dark);
        }
    }

    private Task OpenShortcutsAsync() => ShowOnceAsync<ShortcutsDialog>("Keyboard shortcuts", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });

    private Task OpenPaletteAsync() => ShowOnceAsync<CommandPaletteDialog>("Search", new DialogOptions
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        CloseOnEscapeKey = true,
        NoHeader = true,
        Position = DialogPosition.TopCenter,
    });

    // One shortcut dialog at a time: a second "?" while one is open does nothing.
    private async Task ShowOnceAsync<TDialog>(string title, DialogOptions options)
        where TDialog : ComponentBase
    {
        if (_dialogOpen)
        {
            return;
        }

        _dialogOpen = true;
        try
        {
            var dialog = await Dialogs.ShowAsync<TDialog>(title, options);
            await dialog.Result;
        }
        finally
        {
            _dialogOpen = false;
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private static NamespaceSource NamespaceSources(ClusterSnapshot snapshot) => new(string.Join('\n', NamespaceQuery.Namespaces(snapshot)), snapshot);

    /// <summary>
    /// The picture the namespace picker reads, compared by the namespaces it lists: the picker re-renders when a
    /// namespace appears or goes, not at every pod change.
    /// </summary>
    private readonly record struct NamespaceSource(string Key, ClusterSnapshot Snapshot)
    {
        public bool Equals(NamespaceSource other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(() => _boundary?.Reset());

    public async ValueTask DisposeAsync()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("stopShortcuts");
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the page's script with it.
            }
        }

        _self?.Dispose();
    }
}
