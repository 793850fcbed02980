using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Components.Dialogs;
using KubeMesos.Dashboard.Model;
using KubeMesos.Dashboard.Model.Forms;
using KubeMesos.Framework.Store;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>
/// What the three create pages share: the form model, the namespaces to pick from, Import YAML (fill the form, or
/// create a whole manifest), the submit through <see cref="ClusterWriter"/> and the move to the new object's page.
/// Live (a <see cref="LivePageBase"/>) so a form can show what the cluster has now (the service's matching pods).
/// </summary>
public abstract class FormPageBase<TModel, T> : LivePageBase
    where TModel : ObjectFormModel<T>, new()
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    [Inject]
    protected ClusterWriter Writer { get; set; } = null!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    protected IDialogService Dialogs { get; set; } = null!;

    [Inject]
    protected ApiContext Api { get; set; } = null!;

    /// <summary>The app bar's namespace choice: the form starts in it.</summary>
    [SupplyParameterFromQuery(Name = "ns")]
    public string? QueryNamespace { get; set; }

    protected TModel Form { get; } = new();

    protected IReadOnlyList<string> Namespaces { get; private set; } = [];

    /// <summary>
    /// Whether the page re-renders as the cluster changes (the service form's match count). Off for the others: offers
    /// change every second, and re-rendering a long form that often only costs the server and the typing person.
    /// </summary>
    protected virtual bool FollowsCluster => false;

    /// <summary>"pod", "service", "replication controller".</summary>
    protected abstract string KindName { get; }

    /// <summary>The created object's detail page, relative to the base address (<c>pods/default/web</c>).</summary>
    protected abstract string DetailPath(T created);

    protected override void OnInitialized()
    {
        if (FollowsCluster)
        {
            base.OnInitialized();
        }
    }

    protected override async Task OnInitializedAsync()
    {
        if (!string.IsNullOrEmpty(QueryNamespace))
        {
            Form.Namespace = QueryNamespace;
        }

        var list = await Api.Store.ListAsync<V1Namespace>(new StoreListOptions());
        Namespaces = list.Items.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal).ToList();
        Form.KnownNamespaces = Namespaces;
    }

    protected void Changed(string field) => Form.Touch(field);

    protected void SetName(string value)
    {
        Form.Name = value ?? "";
        Form.Touch(FormFields.Name);
    }

    protected void SetNamespace(string value)
    {
        Form.Namespace = value ?? "";
        Form.Touch(FormFields.Namespace);
    }

    protected async Task ImportYamlAsync()
    {
        var parameters = new DialogParameters<ImportYamlDialog>
        {
            { d => d.Fill, yaml => Form.Import(yaml) },
            { d => d.FillKind, KindName },
        };
        var dialog = await Dialogs.ShowAsync<ImportYamlDialog>("Import YAML", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        switch (await dialog.Result)
        {
            case { Canceled: false, Data: ManifestImportResult result }:
                Snackbar.Add($"Created {result.Documents.Count} object(s) from the manifest.", Severity.Success);
                break;
            case { Canceled: false, Data: string }:
                Snackbar.Add($"Form filled from YAML: check it, then create the {KindName}.", Severity.Info);
                break;
        }
    }

    protected async Task SubmitAsync()
    {
        if (await Form.SubmitAsync(Writer) is { } created)
        {
            Snackbar.Add($"Created {KindName} {created.Metadata.Name}.", Severity.Success);
            Navigation.NavigateTo(DetailPath(created));
        }
    }

    protected static string PathOf(string plural, T created) =>
        $"{plural}/{Uri.EscapeDataString(created.Metadata.NamespaceProperty)}/{Uri.EscapeDataString(created.Metadata.Name)}";
}
