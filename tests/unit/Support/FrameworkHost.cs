using k8s.Models;
using KubeMesos.Framework;
using KubeMesos.Framework.Store;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Pods;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Support;

/// <summary>
/// The framework and the embedded master in a plain generic host (no dashboard), talking real HTTP on loopback
/// on a free port.
/// </summary>
public sealed class FrameworkHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _dataFolder;

    private FrameworkHost(IHost host, string dataFolder)
    {
        _host = host;
        _dataFolder = dataFolder;
    }

    public IServiceProvider Services => _host.Services;

    public IClusterFeed Feed => Services.GetRequiredService<IClusterFeed>();

    public IPodService Pods => Services.GetRequiredService<IPodService>();

    /// <summary>Every Kubernetes Event in the store.</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsAsync() =>
        (await Services.GetRequiredService<IObjectStore>().ListAsync<Corev1Event>(new StoreListOptions(), TestContext.Current.CancellationToken)).Items;

    public static async Task<FrameworkHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var dataFolder = Directory.CreateTempSubdirectory("kubemesos-test-").FullName;
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = dataFolder,
            ["Mesos:Embedded:Port"] = "0",
            ["Mesos:Embedded:TaskStepDelay"] = "00:00:00.050",
            ["Mesos:Embedded:AllocationInterval"] = "00:00:00.200",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(Environment.GetEnvironmentVariable("KUBEMESOS_TEST_LOG") == "1" ? LogLevel.Debug : LogLevel.Warning);
        builder.Services.AddKubeMesosFramework(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new FrameworkHost(host, dataFolder);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        Directory.Delete(_dataFolder, recursive: true);
    }
}
