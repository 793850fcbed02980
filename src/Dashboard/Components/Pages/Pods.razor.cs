using KubeMesos.Dashboard.Components.Dialogs;
using KubeMesos.Dashboard.Model;
using KubeMesos.Dashboard.Security;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>Every pod, live, filtered by text, label selector and phase; virtualized so 30,000 pods render a screenful.</summary>
public partial class Pods
{
    /// <summary>Row height in pixels (fixed by <c>.km-pod-table</c> in site.css), for the virtualizer's spacers.</summary>
    private const float RowHeight = 41;

    /// <summary>
    /// A screenful of rows at 1080p, prerendered plainly: virtualization needs the browser (it measures the viewport),
    /// so without them the first rows would wait for the circuit.
    /// </summary>
    private const int PrerenderedRows = 25;

    private static readonly string[] Phases =
        [PodPhases.Pending, PodPhases.Running, PodPhases.Succeeded, PodPhases.Failed, PodPhases.Unknown];

    private readonly PodListModel _list = new();
    private readonly AgeClock _ages = new();
    private UiClock? _clock;
    private ElementReference _tableHost;
    private IJSObjectReference? _module;

    private OperatorCheck _operator = null!;
    private Func<PodView, Task> _editLabels = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = null!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The filtered rows of the current snapshot (recomputed only when the pods or the filters changed).</summary>
    private IReadOnlyList<PodView> Rows
    {
        get
        {
            _list.Show(Snapshot);
            return _list.Rows;
        }
    }

    private string ShownText => Rows.Count == _list.Total
        ? $"{DisplayFormat.Count(_list.Total)} pods"
        : $"{DisplayFormat.Count(Rows.Count)} of {DisplayFormat.Count(_list.Total)} pods";

    protected override void OnInitialized()
    {
        base.OnInitialized();
        _operator = new OperatorCheck(Authorization);
        _editLabels = EditLabelsAsync;
        // Moves the ages ("3s ago") on between cluster changes; only they re-render, not the page.
        _clock = new UiClock(Time, () => InvokeAsync(_ages.Tick));
    }

    /// <summary>Only pods in this phase (query <c>phase</c>).</summary>
    [SupplyParameterFromQuery(Name = QueryState.Phase)]
    public string? Phase { get; set; }

    protected override ListFilter Filter => _list.Filter;

    protected override bool ApplyQuery() =>
        _list.SetNamespace(Namespace) | _list.SetSearch(Search) | _list.SetSelector(Selector) | _list.SetPhase(Phase)
        | _list.SetSort(Sort, QueryState.DescendingOf(Direction));

    private void PhaseChanged(string? phase) => ReplaceQuery(QueryState.Phase, phase);

    protected override Task OnParametersSetAsync() => _operator.UpdateAsync(AuthenticationState);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // After the render of the filtered rows, so the virtualizer sees the new, shorter list scrolled to its top
        // (left where it was, a long list scrolled far down shows no rows, or rows from the middle).
        // A filter changed: once its rows are rendered, the table scrolls back to its first row.
        if (!QueryChanged || firstRender)
        {
            QueryChanged = false;
            return;
        }

        QueryChanged = false;
        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Pods.razor.js");
        await _module.InvokeVoidAsync("scrollToTop", _tableHost);
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

    public override async ValueTask DisposeAsync()
    {
        _clock?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }

        await base.DisposeAsync();
    }
}
