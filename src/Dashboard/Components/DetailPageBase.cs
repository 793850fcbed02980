using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Components.Dialogs;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KubeMesos.Dashboard.Components;

/// <summary>
/// A live page about one object (<c>/{plural}/{namespace}/{name}</c>): the feed's view of it re-renders the page and,
/// when it changed, the stored object is read again for spec, status and YAML. The tab is in the URL (<c>tab</c>), the
/// app bar's namespace choice (<c>ns</c>) is kept in links, and <see cref="DeleteAsync"/> asks first, writes through
/// the <see cref="ClusterWriter"/> and reports a refusal instead of throwing.
/// </summary>
public abstract partial class DetailPageBase<T> : LivePageBase
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    [Parameter]
    public string Namespace { get; set; } = "";

    [Parameter]
    public string Name { get; set; } = "";

    [SupplyParameterFromQuery(Name = QueryState.Tab)]
    public string? Tab { get; set; }

    /// <summary>The app bar's namespace choice, kept in the links this page makes.</summary>
    [SupplyParameterFromQuery(Name = QueryState.Namespace)]
    public string? NamespaceChoice { get; set; }

    [Inject]
    protected IObjectStore Store { get; set; } = null!;

    [Inject]
    protected ClusterWriter Writer { get; set; } = null!;

    [Inject]
    protected IDialogService Dialogs { get; set; } = null!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private ILogger<DetailPageBase<T>> Logger { get; set; } = null!;

    protected ObjectDetailModel<T> Detail { get; private set; } = null!;

    /// <summary>pod, service, replication controller (as a person reads it).</summary>
    protected abstract string KindText { get; }

    /// <summary>Pod, Service, ReplicationController (an event's involved kind).</summary>
    protected abstract string Kind { get; }

    /// <summary>The list page's path (<c>pods</c>).</summary>
    protected abstract string ListPath { get; }

    /// <summary>Tab names in the URL, the first being the default.</summary>
    protected abstract IReadOnlyList<string> Tabs { get; }

    /// <summary>The feed's record of the object; null when it is gone (or not yet known).</summary>
    protected abstract object? ViewOf(ClusterSnapshot snapshot);

    protected int TabIndex => Tab is { } tab && Tabs.ToList().IndexOf(tab) is var index and >= 0 ? index : 0;

    protected IReadOnlyList<EventView> ObjectEvents => [.. Snapshot.RecentEvents.Where(e => e.IsAbout(Kind, Namespace, Name))];

    protected string Link(string path, params (string Name, string? Value)[] query) => QueryState.Link(path, NamespaceChoice, query);

    protected void TabChanged(int index) => QueryState.Replace(Navigation, QueryState.Tab, index <= 0 ? null : Tabs[index]);

    protected override async Task OnParametersSetAsync()
    {
        if (Detail is null || Detail.Namespace != Namespace || Detail.Name != Name)
        {
            Detail = new ObjectDetailModel<T>(Store, Namespace, Name);
        }

        await RefreshAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (await RefreshAsync())
        {
            StateHasChanged();
        }
    }

    /// <summary>Extra parameters of the delete confirmation (a controller's cascade question).</summary>
    protected virtual DialogParameters<DeleteObjectDialog> DeleteParameters() => [];

    protected async Task DeleteAsync()
    {
        var parameters = DeleteParameters();
        parameters.Add(d => d.Kind, KindText);
        parameters.Add(d => d.Namespace, Namespace);
        parameters.Add(d => d.Name, Name);
        var dialog = await Dialogs.ShowAsync<DeleteObjectDialog>($"Delete {KindText} {Name}", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled)
        {
            return;
        }

        try
        {
            var deleted = await Writer.DeleteAsync<T>(Namespace, Name, cascade: result.Data is true);
            Snackbar.Add(deleted ? $"Deleted {KindText} {Name}" : $"{KindText} {Name} was already gone", Severity.Success);
            Navigation.NavigateTo(Link(ListPath));
        }
        catch (ClusterWriteException ex)
        {
            Snackbar.Add($"Cannot delete {Name}: {ex.Message}", Severity.Error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDeleteFailed(Logger, ex, Name);
            Snackbar.Add($"Cannot delete {Name}: {ex.Message}", Severity.Error);
        }
    }

    private async Task<bool> RefreshAsync()
    {
        try
        {
            return await Detail.RefreshAsync(ViewOf(Snapshot));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The page goes on showing what it has; the next change tries again.
            LogReadFailed(Logger, ex, Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read {Name} for its page")]
    private static partial void LogReadFailed(ILogger logger, Exception ex, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete {Name}")]
    private static partial void LogDeleteFailed(ILogger logger, Exception ex, string name);
}
