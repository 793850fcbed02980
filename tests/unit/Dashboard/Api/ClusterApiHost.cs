using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Framework.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>
/// The whole app (dashboard, framework, embedded master) on a free loopback port with the in-memory object store, as
/// the cluster API's clients see it. A small body limit so the 413 test need not send megabytes.
/// </summary>
public sealed class ClusterApiHost : IAsyncLifetime
{
    public const long BodyLimit = 256 * 1024;

    private WebApplication _app = null!;

    public string Url { get; private set; } = "";

    internal InMemoryObjectStore Store { get; } = new(watchHistory: 1000);

    public IServiceProvider Services => _app.Services;

    public async ValueTask InitializeAsync()
    {
        _app = DashboardApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", Environment.GetEnvironmentVariable("CLUSTER_API_TEST_ENV") ?? "Production", "--Mesos:Embedded:Port=0", $"--{ClusterApiOptions.Section}:MaxRequestBodyBytes={BodyLimit}",
                // The API's own behaviour is under test here; sign-in and the write limit have their own tests.
                "--Auth:Mode=Unsecured", "--RateLimit:Enabled=false"],
            builder =>
            {
                if (Environment.GetEnvironmentVariable("CLUSTER_API_TEST_LOG") is null)
                {
                    builder.Logging.ClearProviders();
                }

                builder.Services.AddSingleton<IObjectStore>(Store);
            });
        await _app.StartAsync(TestContext.Current.CancellationToken);
        Url = _app.Urls.First();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Store.Dispose();
    }
}
