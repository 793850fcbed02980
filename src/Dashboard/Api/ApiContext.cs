using KubeMesos.Framework.Events;
using KubeMesos.Framework.RemoteApi;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// What the API's handlers share: the object store (resolved when first used, so the app starts before a store is
/// registered), the cluster feed for nodes, the options and the clock. Singleton, thread-safe.
/// </summary>
public sealed class ApiContext(IServiceProvider services, IOptions<ClusterApiOptions> options, TimeProvider clock)
{
    public IObjectStore Store => services.GetRequiredService<IObjectStore>();

    public IClusterFeed Feed => services.GetRequiredService<IClusterFeed>();

    public ClusterApiOptions Options { get; } = options.Value;

    public TimeProvider Clock { get; } = clock;

    /// <summary>The scheduler name new pods get (<c>Kubernetes:SchedulerName</c>); ours when the section is not registered.</summary>
    public string SchedulerName => services.GetService<IOptions<KubernetesOptions>>()?.Value.SchedulerName ?? KubernetesOptions.DefaultSchedulerName;
}
