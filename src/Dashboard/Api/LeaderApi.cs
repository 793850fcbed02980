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

    internal sealed record LeaderAnswer(string? Leader, string Self, DateTimeOffset? Since);
}
