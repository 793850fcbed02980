using System.Diagnostics.Metrics;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Framework.Diagnostics;
using KubeMesos.Tests.Unit.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Dashboard.Operability;

/// <summary>
/// Two apps in one process, each with its own meter of the same name (as every test host has): each one's
/// <c>/metrics</c> shows its own measurements only. OpenTelemetry matches meters by name process-wide, so without
/// <see cref="DashboardMetrics"/>' view the two would be merged.
/// </summary>
public sealed class MetricsIsolationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoAppsInOneProcess_SameMeterName_EachScrapeShowsItsOwn()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        Count(first, 5);
        Count(second, 7);

        Assert.Equal(5, (await ScrapeAsync(first)).Sum("kubemesos_isolation_probe_total"));
        Assert.Equal(7, (await ScrapeAsync(second)).Sum("kubemesos_isolation_probe_total"));
    }

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDashboardMetrics();
        var app = builder.Build();
        app.MapDashboardMetrics();
        await app.StartAsync(Ct);
        return app;
    }

    private static void Count(WebApplication app, int times)
    {
        var counter = app.Services.GetRequiredService<IMeterFactory>().Create(KubeMesosMeters.Scheduler).CreateCounter<long>("kubemesos.isolation.probe");
        counter.Add(times);
    }

    private static async Task<PrometheusText> ScrapeAsync(WebApplication app)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return PrometheusText.Parse(await http.GetStringAsync(DashboardMetrics.Path, Ct));
    }
}
