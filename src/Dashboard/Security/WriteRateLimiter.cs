using System.Globalization;
using System.Threading.RateLimiting;
using KubeMesos.Dashboard.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// ASP.NET Core's rate limiter on writes (<see cref="ClusterAccess.IsWrite"/>): a token bucket per client, and a
/// <c>429</c> Kubernetes <c>Status</c> (reason <c>TooManyRequests</c>) with <c>Retry-After</c> past it.
/// </summary>
internal static class WriteRateLimiter
{
    public static IServiceCollection AddWriteRateLimiter(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                limits.Enabled && ClusterAccess.IsWrite(context)
                    ? RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.Burst,
                        TokensPerPeriod = limits.WritesPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("reads"));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var status = ApiStatus.Failure(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many requests, please try again later.",
                    new k8s.Models.V1StatusDetails { RetryAfterSeconds = retryAfter });
                await KubeJsonResult.From(status).ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    // The signed-in user when there is one (all of a user's clients share a bucket), else the address.
    private static string ClientOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? "user:" + context.User.Identity.Name
            : "address:" + context.Connection.RemoteIpAddress;
}
