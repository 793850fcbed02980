using KubeMesos.Dashboard.Model;

namespace KubeMesos.Dashboard.Configuration;

public static class DashboardShellExtensions
{
    /// <summary>The Overview's history of the last minutes, recorded from the feed for the whole process.</summary>
    public static IServiceCollection AddDashboardShell(this IServiceCollection services)
    {
        services.AddSingleton(new ClusterHistory());
        services.AddSingleton(new AgentTimeline());
        services.AddHostedService<ClusterHistoryRecorder>();
        return services;
    }
}
