using Bunit;
using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Components.Dialogs;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Store;
using KubeMesos.Tests.Unit.Dashboard.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class ImportYamlDialogTests : DashboardTestContext
{
    private readonly InMemoryObjectStore _store = new();

    public ImportYamlDialogTests()
    {
        Services.AddSingleton<IObjectStore>(_store);
        Services.AddSingleton(Options.Create(new ClusterApiOptions()));
        Services.AddSingleton<ApiContext>();
        Services.AddSingleton<ManifestImporter>();
    }

    [Fact]
    public async Task Import_InvalidDocument_ShowsItsErrorInline_NothingCreated()
    {
        await NamespaceResource.EnsureDefaultAsync(_store, Xunit.TestContext.Current.CancellationToken);
        var provider = Render<MudDialogProvider>();
        await OpenAsync(provider, """
            apiVersion: v1
            kind: Pod
            metadata: {name: ok-pod}
            spec: {containers: [{name: main, image: nginx}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: Bad_Name}
            spec: {containers: [{name: main, image: nginx}]}
            """);

        await provider.Find("button:contains('Import'):not(:contains('YAML'))").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("metadata.name", Assert.Single(provider.FindAll(".document-error")).TextContent, StringComparison.Ordinal));
        Assert.Equal(2, provider.FindAll(".document-title").Count);
        Assert.Null(await _store.GetAsync<V1Pod>("default", "ok-pod", Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_Valid_CreatesAndCloses()
    {
        await NamespaceResource.EnsureDefaultAsync(_store, Xunit.TestContext.Current.CancellationToken);
        var provider = Render<MudDialogProvider>();
        var dialog = await OpenAsync(provider, """
            apiVersion: v1
            kind: Pod
            metadata: {name: from-yaml}
            spec: {containers: [{name: main, image: nginx}]}
            """);

        await provider.Find("button:contains('Import'):not(:contains('YAML'))").ClickAsync(new());

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
        Assert.False(result!.Canceled);
        Assert.NotNull(await _store.GetAsync<V1Pod>("default", "from-yaml", Xunit.TestContext.Current.CancellationToken));
    }

    private async Task<IDialogReference> OpenAsync(IRenderedComponent<MudDialogProvider> provider, string yaml)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<ImportYamlDialog>("Import YAML", new DialogParameters<ImportYamlDialog> { { d => d.Yaml, yaml } }));
        return reference!;
    }
}
