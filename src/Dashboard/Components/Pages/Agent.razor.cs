using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>One agent: its resources, attributes and pods; on the embedded cluster, Fail agent and Remove agent.</summary>
public partial class Agent
{
    private AgentDetailModel? _model;
    private (ClusterSnapshot Snapshot, string AgentId)? _modelOf;
    private UiClock? _clock;
    private bool _busy;

    [Parameter]
    public string AgentId { get; set; } = "";

    [SupplyParameterFromQuery(Name = NamespaceQuery.Parameter)]
    public string? Namespace { get; set; }

    [Inject]
    private IOptions<EmbeddedMasterOptions> EmbeddedOptions { get; set; } = null!;

    [Inject]
    private IServiceProvider Services { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    private bool IsEmbedded => EmbeddedOptions.Value.Enabled;

    private AgentDetailModel Model
    {
        get
        {
            var snapshot = Snapshot;
            if (_model is null || _modelOf is not { } of || !ReferenceEquals(of.Snapshot, snapshot) || of.AgentId != AgentId)
            {
                _model = new AgentDetailModel(snapshot, AgentId);
                _modelOf = (snapshot, AgentId);
            }

            return _model;
        }
    }

    private List<BreadcrumbItem> Crumbs =>
    [
        new("Agents", NamespaceQuery.Link("agents", Namespace)),
        new(Model.Agent?.Hostname ?? AgentId, href: null, disabled: true),
    ];

    protected override void OnInitialized()
    {
        base.OnInitialized();
        _clock = new UiClock(Time, () => InvokeAsync(StateHasChanged));
    }

    private Task FailAsync() => ActAsync(
        "Fail agent",
        "It stops answering, as a crashed machine does: its pods' tasks become lost and the replication controllers replace them on other agents.",
        "Fail agent",
        master => master.FailAgent(AgentId),
        "failed");

    private Task RemoveAsync() => ActAsync(
        "Remove agent",
        "The operator takes it out of the cluster: its offers are rescinded and its pods' tasks are lost, so their controllers replace them elsewhere.",
        "Remove agent",
        master => master.RemoveAgent(AgentId),
        "removed");

    private async Task ActAsync(string title, string what, string yes, Func<EmbeddedMesosMaster, bool> act, string done)
    {
        var hostname = Model.Agent?.Hostname ?? AgentId;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"{title} {hostname}?",
            $"{hostname} ({AgentId}). {what}",
            yesText: yes,
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var master = Services.GetRequiredService<EmbeddedMesosMaster>();
            if (act(master))
            {
                Snackbar.Add($"Agent {hostname} {done}", Severity.Success);
            }
            else
            {
                Snackbar.Add($"Agent {hostname} is no longer registered with the master", Severity.Warning);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    public override ValueTask DisposeAsync()
    {
        _clock?.Dispose();
        return base.DisposeAsync();
    }
}
