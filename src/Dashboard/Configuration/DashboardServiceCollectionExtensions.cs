using System.Text.Json.Serialization;
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

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 4000;
        });

        services.AddClusterHub();
        services.AddHealthChecks()
            .AddCheck<SchedulerLinkHealthCheck>("scheduler-link", tags: [DashboardHealthChecks.ReadyTag]);
        return services;
    }

    /// <summary>SignalR with JSON options that keep the <c>kind</c> discriminator of polymorphic cluster changes.</summary>
    public static IServiceCollection AddClusterHub(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(options =>
        {
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
            ClusterHubJson.Configure(options.PayloadSerializerOptions);
        });
        return services;
    }
}
