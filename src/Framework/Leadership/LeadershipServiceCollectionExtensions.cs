using KubeMesos.Framework.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace KubeMesos.Framework.Leadership;

public static class LeadershipServiceCollectionExtensions
{
    /// <summary>
    /// Who leads: with <c>Store:Etcd</c> set, the replicas elect a leader through etcd (<see cref="EtcdLeaderElection"/>)
    /// and the leader mirrors its live scheduling views to the followers through etcd; otherwise the one replica leads.
    /// Registers the hosted service that starts the leader-only services; call it where they should start.
    /// </summary>
    public static IServiceCollection AddLeadership(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LeadershipOptions>().BindConfiguration(LeadershipOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<LeadershipState>();
        services.TryAddSingleton<ILeadershipState>(sp => sp.GetRequiredService<LeadershipState>());
        services.TryAddSingleton<LeaderGate>();
        if (string.IsNullOrWhiteSpace(configuration[$"{StoreOptions.SectionName}:{nameof(StoreOptions.Etcd)}"]))
        {
            services.AddHostedService<SingleReplicaLeadership>();
            return services;
        }

        services.TryAddSingleton<LeadershipEtcd>();
        services.AddSingleton<SchedulingFeedPublisher>();
        services.AddLeaderOnlyHostedService(sp => sp.GetRequiredService<SchedulingFeedPublisher>());
        services.AddSingleton<SchedulingFeedFollower>();
        services.AddSingleton(new FollowerOnlyService(sp => sp.GetRequiredService<SchedulingFeedFollower>()));
        services.AddHostedService<EtcdLeaderElection>();
        return services;
    }

    /// <summary>A hosted service that runs only while this replica leads (registered as a singleton <typeparamref name="T"/>).</summary>
    public static IServiceCollection AddLeaderOnlyHostedService<T>(this IServiceCollection services)
        where T : class, IHostedService
    {
        services.TryAddSingleton<T>();
        return services.AddLeaderOnlyHostedService(sp => sp.GetRequiredService<T>());
    }

    public static IServiceCollection AddLeaderOnlyHostedService(this IServiceCollection services, Func<IServiceProvider, IHostedService> resolve) =>
        services.AddSingleton(new LeaderOnlyService(resolve));
}
