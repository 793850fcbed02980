using System.Diagnostics.Metrics;
using KubeMesos.Framework.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace KubeMesos.Dashboard.Configuration;

/// <summary>
/// Metrics in the Prometheus text format at <c>/metrics</c>, through OpenTelemetry's Prometheus exporter: the app's
/// own meters (<see cref="KubeMesosMeters"/>), ASP.NET Core's (requests, Kestrel, SignalR, circuits, authentication,
/// rate limiting), the .NET runtime's (GC, thread pool, exceptions) and HttpClient's (calls to the Mesos master).
/// </summary>
public static class DashboardMetrics
{
    public const string Path = "/metrics";

    /// <summary>
    /// Tag combinations kept per metric (the rest are counted under <c>otel.metric.overflow</c>). OpenTelemetry
    /// allocates every stream's points up front, 2,000 by default: 20 MB for the ~140 streams here, where the widest
    /// (requests by route, method and status) has a few dozen.
    /// </summary>
    public const int CardinalityLimit = 200;

    /// <summary>The framework's built-in meters we export, besides ours. Not <c>Microsoft.AspNetCore.Components.Lifecycle</c>: it measures every render.</summary>
    public static IReadOnlyList<string> PlatformMeters { get; } =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.Components.Server.Circuits",
        "System.Runtime", "System.Net.Http", "System.Net.NameResolution",
    ];

    public static IServiceCollection AddDashboardMetrics(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<CircuitHandler, CircuitMetricsHandler>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter([.. KubeMesosMeters.All, .. PlatformMeters])
            .AddPrometheusExporter());
        services.ConfigureOpenTelemetryMeterProvider((provider, builder) =>
        {
            // Meters are matched by name in the whole process: with several apps in one process (the tests host many)
            // each would export the others' instruments too. Only this app's own meters, and the process-wide ones
            // (the runtime's, HttpClient's), which no factory owns.
            var own = provider.GetRequiredService<IMeterFactory>();
            builder.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own)
                ? null
                : MetricStreamConfiguration.Drop);
            // The replacement OpenTelemetry points to (the limit in the configuration this view returns for every kept
            // instrument) made the exporter write each of our instruments twice (MetricsTests).
#pragma warning disable CS0618
            builder.SetMaxMetricPointsPerMetricStream(CardinalityLimit);
#pragma warning restore CS0618
        });
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> for a signed-in viewer or operator (the fallback policy): a Prometheus scrape job sends an API
    /// token as a bearer token (<c>authorization: { credentials: … }</c>). Not anonymous: the answers describe the
    /// cluster (pod and offer counts, agents, request rates), and "loopback only" breaks behind a proxy or in a
    /// container. Kept out of the HTTP request metrics, so scraping does not show up in what it scrapes.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(Path).DisableHttpMetrics();
        return endpoints;
    }
}

/// <summary>Counts open Blazor circuits (<c>kubemesos.dashboard.circuits.open</c>): one per browser tab on this replica.</summary>
internal sealed class CircuitMetricsHandler : CircuitHandler
{
    private readonly UpDownCounter<int> _open;

    public CircuitMetricsHandler(IMeterFactory meterFactory) =>
        _open = meterFactory.Create(KubeMesosMeters.Dashboard)
            .CreateUpDownCounter<int>("kubemesos.dashboard.circuits.open", "{circuit}", "Open Blazor circuits (dashboard tabs) on this replica.");

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _open.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _open.Add(-1);
        return Task.CompletedTask;
    }
}
