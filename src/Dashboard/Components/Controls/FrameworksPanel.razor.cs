using System.Globalization;
using KubeMesos.Dashboard.Model;
using Microsoft.AspNetCore.Components;

namespace KubeMesos.Dashboard.Components.Controls;

/// <summary>Polls the master's frameworks every <see cref="RefreshInterval"/> while shown.</summary>
public sealed partial class FrameworksPanel : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<FrameworkRow>? _rows;
    private string? _error;
    private PeriodicTimer? _timer;

    [Inject] private FrameworksSource Source { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Parameter] public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _timer = new PeriodicTimer(RefreshInterval, Time);
        _ = RefreshLoopAsync(_timer);
    }

    private async Task RefreshLoopAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await LoadAsync();
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _rows = await Source.LoadAsync(_stop.Token);
            _error = null;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            _error = $"Frameworks could not be read from the master: {ex.Message}";
        }
    }

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _timer?.Dispose();
        _stop.Dispose();
    }
}
