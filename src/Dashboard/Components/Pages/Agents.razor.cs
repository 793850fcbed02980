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
    private (ClusterSnapshot Snapshot, AgentResource Resource, string? Filter)? _viewOf;

    [Inject]
    private IOptions<EmbeddedMasterOptions> EmbeddedOptions { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

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
