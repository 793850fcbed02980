using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Logs;
using Microsoft.AspNetCore.Components;

namespace KubeMesos.Dashboard.Components.Controls;

/// <summary>
/// Reads the container's log through <see cref="PodLogService"/> (its last <see cref="TailLines"/> lines, then
/// following) into a bounded <see cref="LogLines"/> buffer, rendered as it grows.
/// </summary>
public sealed partial class PodLogPane : IAsyncDisposable
{
    private CancellationTokenSource _stop = new();
    private LogLines _lines = new();
    private string? _container;
    private string? _error;
    private bool _ended;
    private (string?, string?, string?) _following;

    [Inject] private PodLogService Logs { get; set; } = null!;

    [Parameter, EditorRequired] public string Namespace { get; set; } = "default";

    [Parameter, EditorRequired] public string Name { get; set; } = "";

    /// <summary>The container; the pod's only one when unset.</summary>
    [Parameter] public string? Container { get; set; }

    [Parameter] public int TailLines { get; set; } = 500;

    [Parameter] public int MaxLines { get; set; } = 2000;

    protected override async Task OnParametersSetAsync()
    {
        if (_following == (Namespace, Name, Container))
        {
            return;
        }

        _following = (Namespace, Name, Container);
        await _stop.CancelAsync();
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        _lines = new LogLines(MaxLines);
        _container = Container;
        _error = null;
        _ended = false;
        _ = FollowAsync(_stop.Token);
    }

    private async Task FollowAsync(CancellationToken ct)
    {
        try
        {
            var file = await Logs.LocateAsync(Namespace, Name, Container, ct);
            _container = file.Container;
            // Chunks come at most every PodLogService.FollowInterval once caught up (64 KB at a time before): one render each.
            await foreach (var chunk in Logs.ReadAsync(Namespace, Name, file, new PodLogRequest(Container, Follow: true, TailLines: TailLines), ct))
            {
                _lines.Append(chunk);
                await InvokeAsync(StateHasChanged);
            }

            _ended = true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is PodLogException or HttpRequestException)
        {
            _error = ex.Message;
        }

        await InvokeAsync(StateHasChanged);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
