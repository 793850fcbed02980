using KubeMesos.Framework.Events;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KubeMesos.Dashboard.Configuration;

public static class DashboardHealthChecks
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// <c>/healthz</c>: liveness, the process answers (no checks). <c>/readyz</c>: readiness, the checks tagged
    /// <see cref="ReadyTag"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Open to all: probes carry no credentials, and the answers say nothing about the cluster's contents.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return endpoints;
    }
}

/// <summary>
/// Reports the scheduler's link to its Mesos master. A lost link is <see cref="HealthStatus.Degraded"/> (still 200):
/// the dashboard keeps serving the last known picture and the forms while the framework resubscribes.
/// </summary>
internal sealed class SchedulerLinkHealthCheck(IClusterFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = feed.Current.Scheduler;
        return Task.FromResult(status.Connected
            ? HealthCheckResult.Healthy($"subscribed to {status.Master}")
            : HealthCheckResult.Degraded($"not subscribed to a Mesos master{(status.LastError is null ? "" : ": " + status.LastError)}"));
    }
}
