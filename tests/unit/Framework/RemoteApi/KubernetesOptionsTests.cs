using k8s;
using KubeMesos.Framework.RemoteApi;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Framework.RemoteApi;

public sealed class KubernetesOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubemesos-k8s-options-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (ServiceProvider Services, bool ApiServerMode) Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        var mode = services.AddKubernetesApiServer(configuration);
        services.AddObjectStore(configuration);
        return (services.BuildServiceProvider(), mode);
    }

    [Fact]
    public async Task AddKubernetesApiServer_Unset_OwnStoreAndOurSchedulerName()
    {
        var (services, mode) = Build(new() { ["Store:Path"] = Path.Combine(_folder, "data") });
        await using var _ = services;

        Assert.False(mode);
        Assert.IsType<SqliteObjectStore>(Assert.IsType<MeteredObjectStore>(services.GetRequiredService<IObjectStore>()).Inner);
        Assert.Equal("kubemesos", services.GetRequiredService<IOptions<KubernetesOptions>>().Value.SchedulerName);
    }

    [Fact]
    public async Task AddKubernetesApiServer_KubeconfigPathAsTheSectionValue_RemoteStoreForItsServer()
    {
        var kubeconfig = Path.Combine(_folder, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:6443"}}]
            users: [{name: u, user: {token: abc}}]
            contexts: [{name: ctx, context: {cluster: c, user: u}}]
            current-context: ctx
            """, TestContext.Current.CancellationToken);

        var (services, mode) = Build(new() { ["Kubernetes:ApiServer"] = kubeconfig, ["Kubernetes:SchedulerName"] = "mesos" });
        await using var _ = services;
        var options = services.GetRequiredService<IOptions<KubernetesOptions>>().Value;
        using var client = (Kubernetes)KubernetesServiceCollectionExtensions.CreateClient(options.ApiServer);

        Assert.True(mode);
        Assert.Equal(kubeconfig, options.ApiServer.Kubeconfig);
        Assert.Equal("mesos", options.SchedulerName);
        Assert.IsType<KubernetesApiObjectStore>(services.GetRequiredService<IObjectStore>());
        Assert.Equal(new Uri("http://127.0.0.1:6443/"), client.BaseUri);
    }

    [Theory]
    [InlineData("Kubernetes:ApiServer:Url", "ftp://host", "Kubernetes:ApiServer:Url must be an http or https URL")]
    [InlineData("Kubernetes:ApiServer:Kubeconfig", "/nowhere/kubeconfig", "Kubernetes:ApiServer:Kubeconfig names no file")]
    [InlineData("Kubernetes:ApiServer:Token", "abc", "Kubernetes:ApiServer:Token and :CaCertificatePath go with Kubernetes:ApiServer:Url")]
    [InlineData("Kubernetes:SchedulerName", "Not A Name", "Kubernetes:SchedulerName must be a DNS subdomain")]
    public async Task AddKubernetesApiServer_BadSetting_FailsValidationNamingTheKey(string key, string value, string message)
    {
        var (services, _) = Build(new() { [key] = value, ["Store:Path"] = Path.Combine(_folder, "data") });
        await using var _ = services;

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KubernetesOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
