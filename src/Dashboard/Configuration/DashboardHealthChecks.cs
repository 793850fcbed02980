using System.Text.Json;
using KubeMesos.Framework.Leadership;
using KubeMesos.Framework.Mesos.Client;
using KubeMesos.Framework.Store;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KubeMesos.Dashboard.Configuration;

public static class DashboardHealthChecks
{
    public const string ReadyTag = "ready";

    /// <summary>The readiness checks: the store answers, a replica leads, and the leader is subscribed to a master.</summary>
    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder checks) => checks
        .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
        .AddCheck<LeaderHealthCheck>("leader", tags: [ReadyTag])
        .AddCheck<SchedulerLinkHealthCheck>("scheduler-link", tags: [ReadyTag]);

    /// <summary>
    /// <c>/healthz</c>: liveness, the process answers (no checks). <c>/readyz</c>: readiness, the checks tagged
    /// <see cref="ReadyTag"/> (503 when one fails), each with what it found, as JSON.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Open to all: probes carry no credentials, and the answers say nothing about the cluster's contents.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReportAsync,
        }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web));
    }
}

/// <summary>The object store answers (a read of its current version).</summary>
internal sealed class StoreHealthCheck(IObjectStore store) : IHealthCheck
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            var version = await store.CurrentVersionAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"store at version {version}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the store does not answer: {ex.Message}");
        }
    }
}

/// <summary>Some replica leads (with one replica, this one always does).</summary>
internal sealed class LeaderHealthCheck(LeadershipState leadership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = leadership.Current;
        return Task.FromResult(current.Leader is null
            ? HealthCheckResult.Unhealthy("no replica leads (an election is on)")
            : HealthCheckResult.Healthy(current.IsLeader ? $"{current.Self} leads" : $"{current.Self} follows {current.Leader}"));
    }
}

/// <summary>
/// On the leader: subscribed to a Mesos master (SUBSCRIBED received on an open stream); until then, or while it
/// resubscribes, the replica is not ready. A follower holds no subscription and passes.
/// </summary>
internal sealed class SchedulerLinkHealthCheck(LeadershipState leadership, MesosSchedulerClient client) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!leadership.Current.IsLeader)
        {
            return Task.FromResult(HealthCheckResult.Healthy("a follower: the leader holds the subscription"));
        }

        return Task.FromResult(client.IsSubscribed
            ? HealthCheckResult.Healthy($"subscribed as framework {client.FrameworkId?.Value}")
            : HealthCheckResult.Unhealthy("not subscribed to a Mesos master"));
    }
}
