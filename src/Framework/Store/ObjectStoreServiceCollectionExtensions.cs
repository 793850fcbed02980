using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Store;

public static class ObjectStoreServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (at start) the <c>Store</c> section and registers the <see cref="IObjectStore"/> singleton:
    /// <see cref="EtcdObjectStore"/> when <c>Store:Etcd</c> is set, else <see cref="SqliteObjectStore"/> in
    /// <c>Store:Path</c>, each behind <see cref="MeteredObjectStore"/> (write latency). The container disposes it.
    /// </summary>
    public static IServiceCollection AddObjectStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StoreOptions>()
            .Bind(configuration.GetSection(StoreOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<IObjectStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StoreOptions>>().Value;
            var time = provider.GetRequiredService<TimeProvider>();
            IObjectStore backend = string.IsNullOrWhiteSpace(options.Etcd)
                ? new SqliteObjectStore(options.Path, options.WatchHistory, time)
                : new EtcdObjectStore(options.Etcd, options.WatchHistory, time);
            return new MeteredObjectStore(backend, provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        });
        return services;
    }
}
