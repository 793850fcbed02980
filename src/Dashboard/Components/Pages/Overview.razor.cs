using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>The cluster at a glance: resources, agents, pods, controllers, the last minutes as charts, warnings.</summary>
public partial class Overview
{
    private static readonly TimeSeriesChartOptions PercentOptions = ChartOptions(suggestedMax: 100);
    private static readonly TimeSeriesChartOptions CountOptions = ChartOptions(suggestedMax: 1);

    private OverviewModel? _view;
    private (ClusterSnapshot Snapshot, string? Namespace)? _viewOf;
    private long _historyVersion = -1;
    private List<ChartSeries<double>> _utilization = [];
    private List<ChartSeries<double>> _placements = [];
    private List<ChartSeries<double>> _pending = [];
    private UiClock? _clock;

    [Inject]
    private ClusterHistory History { get; set; } = null!;

    [SupplyParameterFromQuery(Name = NamespaceQuery.Parameter)]
    public string? Namespace { get; set; }

    private OverviewModel View
    {
        get
        {
            var snapshot = Snapshot;
            if (_view is null || _viewOf is not { } of || !ReferenceEquals(of.Snapshot, snapshot) || of.Namespace != Namespace)
            {
                _view = new OverviewModel(snapshot, Namespace);
                _viewOf = (snapshot, Namespace);
            }

            return _view;
        }
    }

    private int Phase(string phase) => View.PodsByPhase.FirstOrDefault(p => p.Name == phase)?.Count ?? 0;

    private static string Css(double percent) => FormattableString.Invariant($"{percent:0.##}%");

    protected override void OnInitialized()
    {
        base.OnInitialized();
        // Re-renders (ages, the charts' newest second); the history itself is recorded from the feed, not here.
        _clock = new UiClock(Time, () => InvokeAsync(StateHasChanged));
    }

    protected override void OnParametersSet() => RefreshCharts();

    protected override bool ShouldRender()
    {
        RefreshCharts();
        return true;
    }

    private void RefreshCharts()
    {
        var version = History.Version;
        if (version == _historyVersion)
        {
            return;
        }

        var samples = History.Samples();
        _utilization = HistoryCharts.Utilization(samples);
        _placements = HistoryCharts.Placements(samples);
        _pending = HistoryCharts.Pending(samples);
        _historyVersion = version;
    }

    private static TimeSeriesChartOptions ChartOptions(double suggestedMax) => new()
    {
        TimeLabelSpacing = TimeSpan.FromMinutes(1),
        TimeLabelFormat = "HH:mm",
        ShowLegend = true,
        YAxisSuggestedMax = suggestedMax,
        YAxisRequireZeroPoint = true,
        LineStrokeWidth = 2,
        ShowDataMarkers = false,
        ClampToZero = true,
        YAxisLines = true,
        XAxisLines = false,
    };

    public override ValueTask DisposeAsync()
    {
        _clock?.Dispose();
        return base.DisposeAsync();
    }
}
