using KubeMesos.Framework.Leadership;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// <c>GET /apis/kubemesos.io/v1/leader</c>: which replica leads (<c>leader</c>, null during an election), which one
/// answered (<c>self</c>), and since when the leader leads (<c>since</c>). With one replica, self is the leader.
/// </summary>
internal static class LeaderApi
{
    public static void MapLeaderApi(this WebApplication app) =>
        app.MapGet(InsightApi.Prefix + "/leader", (LeadershipState state) =>
        {
            var current = state.Current;
            return TypedResults.Json(new LeaderAnswer(current.Leader, current.Self, current.Since));
        });

    /// <summary>
    /// Answers 503 on a follower: the endpoint asks the scheduler loop, which runs only on the leader (instead of
    /// waiting for a loop that is not there). The Status names the leader to ask.
    /// </summary>
    public static RouteHandlerBuilder RequireLeader(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var current = context.HttpContext.RequestServices.GetRequiredService<LeadershipState>().Current;
            if (current.IsLeader)
            {
                return await next(context);
            }

            var leader = current.Leader is null ? "no replica leads right now" : $"ask the leader, {current.Leader}";
            return KubeJsonResult.From(ApiStatus.Failure(503, "ServiceUnavailable", $"this replica ({current.Self}) does not run the scheduler: {leader}"));
        });

    internal sealed record LeaderAnswer(string? Leader, string Self, DateTimeOffset? Since);
}
