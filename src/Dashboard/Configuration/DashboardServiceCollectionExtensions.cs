using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Hubs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace KubeMesos.Dashboard.Configuration;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>Blazor Server components, MudBlazor, the cluster hub, health checks and dashboard options.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddDashboardMetrics();
        services.AddDashboardLogging();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 4000;
        });

        services.AddClusterHub();
        services.AddDashboardShell();
        services.AddClusterApi();
        services.AddMesosControls();
        services.AddDashboardForms();
        services.AddDashboardMetrics();
        services.AddDashboardLogging();
        services.AddHealthChecks().AddReadinessChecks();
        return services;
    }

    /// <summary>
    /// SignalR with the hub's JSON options. The change stream's declared element type is the abstract
    /// <c>ClusterChange</c>, so System.Text.Json writes the <c>kind</c> discriminator from its JsonPolymorphic
    /// attributes (checked on the wire by the hub tests); enums travel as strings.
    /// </summary>
    public static IServiceCollection AddClusterHub(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(options => ClusterHubJson.Configure(options.PayloadSerializerOptions));
        return services;
    }
}
