using KubeMesos.Dashboard.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KubeMesos.Dashboard.Configuration;

public static class MesosControlsServiceCollectionExtensions
{
    /// <summary>What the Mesos controls read: the frameworks panel's operator API source (pod logs come from the framework).</summary>
    public static IServiceCollection AddMesosControls(this IServiceCollection services)
    {
        services.TryAddSingleton<FrameworksSource>();
        return services;
    }
}
