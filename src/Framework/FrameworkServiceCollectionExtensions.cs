using KubeMesos.Framework.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Framework;

public static class FrameworkServiceCollectionExtensions
{
    /// <summary>Registers the framework scheduler, the cluster feed and (unless disabled) the embedded Mesos master.</summary>
    public static IServiceCollection AddKubeMesosFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterFeedOptions>().BindConfiguration(ClusterFeedOptions.Section);
        services.AddSingleton<ClusterFeed>();
        services.AddSingleton<IClusterFeed>(sp => sp.GetRequiredService<ClusterFeed>());
        return services;
    }
}
