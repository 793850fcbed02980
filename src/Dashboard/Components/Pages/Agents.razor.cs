using KubeMesos.Dashboard.Components.Dialogs;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>Every agent: a heat map of one resource's utilization (readable with 1,000 agents) and a table.</summary>
public partial class Agents
{
    /// <summary>Row height in pixels for the virtualizer (one-line cells, fixed in site.css).</summary>
    internal const float RowHeight = 41;

    private AgentsViewModel? _view;
    private AgentsViewModel? _heat;
    private (DateTimeOffset, AgentResource, string?, long)? _heatOf;
    private IReadOnlyList<TimelineMoment>? _moments;
    private long _momentsVersion;
    private (ClusterSnapshot Snapshot, AgentResource Resource, string? Filter)? _viewOf;

    [Inject]
    private IOptions<EmbeddedMasterOptions> EmbeddedOptions { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private AgentTimeline Timeline { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [SupplyParameterFromQuery(Name = NamespaceQuery.Parameter)]
    public string? Namespace { get; set; }

    /// <summary>The heat map's resource (<c>cpus</c>, <c>mem</c>, <c>disk</c>, <c>ports</c>).</summary>
    [SupplyParameterFromQuery(Name = "resource")]
    public string? ResourceQuery { get; set; }

    /// <summary>The filter text.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? Filter { get; set; }

    private bool IsEmbedded => EmbeddedOptions.Value.Enabled;

    private AgentsViewModel View
    {
        get
        {
            var snapshot = Snapshot;
            var resource = AgentsViewModel.ParseResource(ResourceQuery);
            if (_view is null || _viewOf is not { } of || !ReferenceEquals(of.Snapshot, snapshot) || of.Resource != resource || of.Filter != Filter)
            {
                _view = new AgentsViewModel(snapshot, resource, Filter);
                _viewOf = (snapshot, resource, Filter);
            }

            return _view;
        }
    }

    /// <summary>The moment the heat map shows; null while it shows the live picture.</summary>
    private DateTimeOffset? ScrubbedTo { get; set; }

    private IReadOnlyList<TimelineMoment> Moments
    {
        get
        {
            if (_moments is null || _momentsVersion != Timeline.Version)
            {
                _momentsVersion = Timeline.Version;
                _moments = Timeline.Moments();
            }

            return _moments;
        }
    }

    /// <summary>The slider's position: a moment's index, or one past the last for "live".</summary>
    private int MomentIndex => ScrubbedTo is { } at ? TimelineView.IndexOf(Moments, at) : Moments.Count;

    /// <summary>The heat map's view: the live one, or the agents as the timeline had them at the scrubbed moment.</summary>
    private AgentsViewModel HeatView
    {
        get
        {
            if (ScrubbedTo is not { } at)
            {
                return View;
            }

            var resource = AgentsViewModel.ParseResource(ResourceQuery);
            if (_heat is null || _heatOf != (at, resource, Filter, Timeline.Version))
            {
                _heat = new AgentsViewModel(Snapshot with { Agents = Timeline.AgentsAt(at) }, resource, Filter);
                _heatOf = (at, resource, Filter, Timeline.Version);
            }

            return _heat;
        }
    }

    /// <summary>Placements in the window before the scrubbed moment, newest first.</summary>
    private IReadOnlyList<PlacementView> WentWhere => ScrubbedTo is { } at ? TimelineView.PlacedBefore(Moments, at) : [];

    private HashSet<string> PlacedNear => [.. WentWhere.Select(p => p.AgentId)];

    private string TimelineLabel => TimelineView.Label(Moments, ScrubbedTo, Timeline.Since, Now);

    private void Scrub(int index) => ScrubbedTo = index >= Moments.Count || Moments.Count == 0 ? null : Moments[Math.Max(0, index)].At;

    private void GoLive() => ScrubbedTo = null;

    private void SetResource(AgentResource resource) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("resource", resource == AgentResource.Cpus ? null : resource.ToString().ToLowerInvariant()),
            new NavigationOptions { ReplaceHistoryEntry = true });

    private void SetFilter(string? text) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("q", string.IsNullOrWhiteSpace(text) ? null : text),
            new NavigationOptions { ReplaceHistoryEntry = true });

    private async Task AddAgentAsync()
    {
        var dialog = await Dialogs.ShowAsync<AddAgentDialog>("Add agent", new DialogOptions { MaxWidth = MaxWidth.Small, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: EmbeddedAgentInfo agent })
        {
            Snackbar.Add($"Agent {agent.Hostname} added; it appears once the master offers its resources", Severity.Success);
        }
    }
}
