using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Leadership;
using KubeMesos.Framework.Mesos;
using KubeMesos.Framework.Mesos.Client;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.RemoteApi;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KubeMesos.Framework;

public static class FrameworkServiceCollectionExtensions
{
    /// <summary>
    /// Registers the framework: the cluster feed, the pod store and service, the Mesos scheduler client, the scheduler
    /// loop and the controllers (hosted services that run while this replica leads, see <c>AddLeadership</c>), and the
    /// embedded Mesos master unless <c>Mesos:Embedded:Enabled=false</c>.
    /// </summary>
    public static IServiceCollection AddKubeMesosFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ClusterFeedOptions>().BindConfiguration(ClusterFeedOptions.Section);
        services.AddOptions<MesosClientOptions>().BindConfiguration(MesosClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // A real API server (Kubernetes:ApiServer) is then the store, and its own controllers do what ours would.
        var apiServerMode = services.AddKubernetesApiServer(configuration);
        services.AddSingleton<ClusterFeed>();
        services.AddSingleton<IClusterFeed>(sp => sp.GetRequiredService<ClusterFeed>());
        services.AddObjectStore(configuration);
        services.AddSingleton<IPodService, PodService>();
        services.AddSingleton<MasterOperatorClient>();
        services.AddSingleton<Logs.SandboxLocator>();
        services.AddSingleton<Logs.PodLogService>();

        // The event stream lives as long as the subscription: no client-wide timeout (calls carry their own).
        services.AddHttpClient(MesosSchedulerClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).AddMesosHandlers();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<MesosClientOptions>, MesosClientOptionsValidator>());
        services.AddSingleton<IMesosMasterLocator, ConfiguredMasterLocator>();
        services.AddSingleton<SchedulerInbox>();
        services.AddSingleton<Scheduling.Insight.SchedulerInsight>();
        services.AddSingleton<IMesosEventSink>(sp => sp.GetRequiredService<SchedulerInbox>());
        services.AddSingleton<FrameworkIdStore>();
        services.TryAddSingleton<IFrameworkWebUi, NoFrameworkWebUi>();
        services.AddSingleton<MesosSchedulerClient>();
        services.AddSingleton<IMesosCallSender>(sp => sp.GetRequiredService<MesosSchedulerClient>());
        services.AddMetrics();
        services.AddSingleton<SchedulerCounters>();
        services.AddSingleton<KubernetesEventRecorder>();
        services.AddSingleton<PodScheduler>();
        services.AddLeaderOnlyHostedService<PodWatcher>();
        services.AddOptions<ControllerOptions>().BindConfiguration(ControllerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (!apiServerMode)
        {
            // One pod watch for both controllers (they read only metadata).
            services.TryAddSingleton<SharedStoreInformer<k8s.Models.V1Pod>>();
            services.AddLeaderOnlyHostedService<ReplicationManager>();
            services.AddLeaderOnlyHostedService<EndpointsController>();
        }

        services.AddOptions<EventRetentionOptions>().BindConfiguration(EventRetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EventRetention>();
        services.AddOptions<Nodes.NodeSyncOptions>().BindConfiguration(Nodes.NodeSyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (!apiServerMode)
        {
            services.AddLeaderOnlyHostedService<Nodes.NodeSync>();
            services.AddLeaderOnlyHostedService(sp => sp.GetRequiredService<EventRetention>());
        }

        services.AddHostedService<ObjectFeedPublisher>();

        // The embedded master (when enabled) registers its hosted service first so it listens before we subscribe.
        services.AddEmbeddedMesosMaster(configuration);
        services.AddLeaderOnlyHostedService(sp => sp.GetRequiredService<PodScheduler>());
        services.AddLeaderOnlyHostedService(sp => sp.GetRequiredService<MesosSchedulerClient>());

        // Started here, after the embedded master, once this replica leads (at once with one replica).
        services.AddLeadership(configuration);
        return services;
    }
}
