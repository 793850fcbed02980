using KubeMesos.Framework.Store;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// The Kubernetes-compatible REST API (<c>/api/v1</c>) over the object store: discovery, pods, services,
/// replication controllers (with <c>scale</c>), endpoints, events, namespaces, and the Mesos agents as nodes.
/// </summary>
public static class ClusterApi
{
    public const string Prefix = "/api/v1";

    /// <summary>The API's options (validated at start) and the start-up step that creates the <c>default</c> namespace.</summary>
    public static IServiceCollection AddClusterApi(this IServiceCollection services)
    {
        services.AddOptions<ClusterApiOptions>()
            .BindConfiguration(ClusterApiOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ApiContext>();
        services.AddSingleton<ClusterWriter>();
        services.AddSingleton<KubeMesos.Dashboard.Model.ManifestImporter>();
        services.AddHostedService<DefaultNamespaceInitializer>();
        return services;
    }

    public static WebApplication MapClusterApi(this WebApplication app)
    {
        var v1 = app.MapGroup(Prefix).DisableAntiforgery();
        app.MapDiscoveryApi(v1);
        app.MapOpenApiApi();
        app.MapInsightApi();
        app.MapLeaderApi();
        v1.MapResource(PodResource.Handler);
        v1.MapResource(ServiceResource.Handler);
        v1.MapResource(ReplicationControllerResource.Handler);
        v1.MapScaleApi();
        v1.MapResource(EndpointsResource.Handler);
        v1.MapResource(EventResource.Handler);
        v1.MapResource(NamespaceResource.Handler);
        v1.MapNodesApi();
        v1.MapPodSubresourceApi();
        v1.MapPodLogApi();
        return app;
    }
}

/// <summary>Creates the <c>default</c> namespace at start when a store is registered and has none.</summary>
internal sealed class DefaultNamespaceInitializer(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IObjectStore>() is { } store)
        {
            await NamespaceResource.EnsureDefaultAsync(store, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
