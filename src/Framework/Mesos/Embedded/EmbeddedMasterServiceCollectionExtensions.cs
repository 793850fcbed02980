using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Mesos.Embedded;

public static class EmbeddedMasterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded Mesos master (options from <c>Mesos:Embedded</c>, validated at start) as a singleton and
    /// hosted service. When it is enabled and <c>Mesos:Master</c> is not set, <see cref="IMesosMasterLocator"/> resolves
    /// to it, replacing any earlier registration.
    /// </summary>
    public static IServiceCollection AddEmbeddedMesosMaster(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmbeddedMasterOptions>().BindConfiguration(EmbeddedMasterOptions.Section).ValidateOnStart()
            .PostConfigure(o => o.CheckpointPath ??= Path.Combine(configuration["Store:Path"] ?? "./data", "mesos-master"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddedMasterOptions>, EmbeddedMasterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EmbeddedMesosMaster>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedMesosMaster>());

        var enabled = configuration.GetValue($"{EmbeddedMasterOptions.Section}:{nameof(EmbeddedMasterOptions.Enabled)}", true);
        if (enabled && string.IsNullOrWhiteSpace(configuration["Mesos:Master"]))
        {
            services.RemoveAll<IMesosMasterLocator>();
            services.AddSingleton<IMesosMasterLocator, EmbeddedMasterLocator>();
        }

        return services;
    }
}
