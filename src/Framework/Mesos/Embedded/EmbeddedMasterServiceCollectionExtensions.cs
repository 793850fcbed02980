using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Framework.Mesos.Embedded;

public static class EmbeddedMasterServiceCollectionExtensions
{
    /// <summary>Registers the in-process Mesos master (placeholder until it lands).</summary>
    public static IServiceCollection AddEmbeddedMesosMaster(this IServiceCollection services, IConfiguration configuration) => services;
}
