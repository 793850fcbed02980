using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Store;
using KubeMesos.Tests.Unit.Dashboard.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class ManifestImporterTests
{
    private const string Good = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: main, image: nginx}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: {app: web}, ports: [{port: 80}]}
        """;

    private readonly InMemoryObjectStore _store = new();
    private readonly ManifestImporter _importer;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ManifestImporterTests()
    {
        var services = new ServiceCollection()
            .AddSingleton<IObjectStore>(_store)
            .AddSingleton(Options.Create(new ClusterApiOptions()))
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ApiContext>()
            .AddSingleton<ManifestImporter>()
            .BuildServiceProvider();
        _importer = services.GetRequiredService<ManifestImporter>();
    }

    [Fact]
    public async Task ImportAsync_AllValid_CreatesEveryObjectInOrder()
    {
        var result = await _importer.ImportAsync(Good, Ct);

        Assert.True(result.Created);
        Assert.False(result.HasErrors);
        Assert.Equal(["Namespace shop", "Pod web-1", "Service web"], result.Documents.Select(d => $"{d.Kind} {d.Name}"));
        Assert.NotNull(await _store.GetAsync<V1Namespace>(null, "shop", Ct));
        Assert.Equal("Pending", (await _store.GetAsync<V1Pod>("shop", "web-1", Ct))!.Status.Phase);
        Assert.NotNull(await _store.GetAsync<V1Service>("shop", "web", Ct));
    }

    [Fact]
    public async Task ImportAsync_OneInvalid_CreatesNoneAndNamesTheDocumentAndField()
    {
        var result = await _importer.ImportAsync(Good.Replace("image: nginx", "image: ''", StringComparison.Ordinal), Ct);

        Assert.False(result.Created);
        Assert.Empty(result.Documents[0].Errors);
        Assert.Contains(result.Documents[1].Errors, e => e.StartsWith("spec.containers[0].image: Required value", StringComparison.Ordinal));
        Assert.Empty(result.Documents[2].Errors);
        Assert.Null(await _store.GetAsync<V1Namespace>(null, "shop", Ct));
    }

    [Fact]
    public async Task ImportAsync_ExistingObject_AlreadyExistsNothingCreated()
    {
        await _importer.ImportAsync(Good, Ct);
        var second = await _importer.ImportAsync(Good.Replace("name: web-1", "name: web-2", StringComparison.Ordinal), Ct);

        Assert.False(second.Created);
        Assert.Contains(second.Documents[0].Errors, e => e.Contains("already exists", StringComparison.Ordinal));
        Assert.Null(await _store.GetAsync<V1Pod>("shop", "web-2", Ct));
    }

    [Fact]
    public async Task ImportAsync_NotYaml_OneErrorNothingCreated()
    {
        var result = await _importer.ImportAsync("kind: Pod\n  bad: [", Ct);

        Assert.False(result.Created);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void ToYaml_Pod_RoundTrips()
    {
        var yaml = ManifestImporter.ToYaml(new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { Name = "p" } });

        Assert.Contains("name: p", yaml, StringComparison.Ordinal);
        Assert.Equal("p", k8s.KubernetesYaml.Deserialize<V1Pod>(yaml).Metadata.Name);
    }
}
