using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Mesos.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KubeMesos.Dashboard.Configuration;

public static class MesosControlsServiceCollectionExtensions
{
    /// <summary>What the Mesos controls read: the frameworks panel's operator API source (pod logs come from the framework), and the
    /// dashboard's URL as the framework's default webui_url.</summary>
    public static IServiceCollection AddMesosControls(this IServiceCollection services)
    {
        services.TryAddSingleton<FrameworksSource>();

        // Replaces the framework's "no web UI": registered after it, so this one is resolved.
        services.AddSingleton<IFrameworkWebUi, DashboardWebUi>();
        return services;
    }
}
