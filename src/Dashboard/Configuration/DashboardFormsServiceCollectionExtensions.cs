using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Model.Forms;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KubeMesos.Dashboard.Configuration;

public static class DashboardFormsServiceCollectionExtensions
{
    /// <summary>The sample workload (the forms write through <see cref="ClusterWriter"/>, which AddClusterApi registers).</summary>
    public static IServiceCollection AddDashboardForms(this IServiceCollection services)
    {
        services.TryAddSingleton<SampleWorkload>();
        return services;
    }
}
