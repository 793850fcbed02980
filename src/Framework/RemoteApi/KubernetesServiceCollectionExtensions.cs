using System.Security.Cryptography.X509Certificates;
using k8s;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.RemoteApi;

public static class KubernetesServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (at start) the <c>Kubernetes</c> section. With <c>Kubernetes:ApiServer</c> set, registers the
    /// remote API server as the <see cref="IObjectStore"/> (before <see cref="ObjectStoreServiceCollectionExtensions.AddObjectStore"/>,
    /// whose own store is then not used) and returns true: the caller leaves out what the API server's own controllers do.
    /// </summary>
    public static bool AddKubernetesApiServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KubernetesOptions>()
            .Bind(configuration.GetSection(KubernetesOptions.Section))
            .Configure(options => options.ApiServer.Kubeconfig ??= KubeconfigValue(configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>());
        if (!IsApiServerMode(configuration))
        {
            return false;
        }

        services.AddSingleton<IObjectStore>(provider => new KubernetesApiObjectStore(CreateClient(provider.GetRequiredService<IOptions<KubernetesOptions>>().Value.ApiServer)));
        services.AddHostedService<ApiServerModeAnnouncer>();
        return true;
    }

    /// <summary>Whether <c>Kubernetes:ApiServer</c> (a kubeconfig path), <c>:Kubeconfig</c> or <c>:Url</c> is set.</summary>
    public static bool IsApiServerMode(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(KubernetesOptions.Section + ":ApiServer");
        return !string.IsNullOrWhiteSpace(section.Value) || !string.IsNullOrWhiteSpace(section["Kubeconfig"]) || !string.IsNullOrWhiteSpace(section["Url"]);
    }

    /// <summary>The KubernetesClient for the configured server: from the kubeconfig, or the URL with its token and CA.</summary>
    public static IKubernetes CreateClient(KubernetesApiServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        KubernetesClientConfiguration config;
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig, currentContext: string.IsNullOrWhiteSpace(options.Context) ? null : options.Context);
        }
        else
        {
            config = new KubernetesClientConfiguration { Host = options.Url, AccessToken = string.IsNullOrEmpty(options.Token) ? null : options.Token };
            if (!string.IsNullOrEmpty(options.CaCertificatePath))
            {
                var certificates = new X509Certificate2Collection();
                certificates.ImportFromPemFile(options.CaCertificatePath);
                config.SslCaCerts = certificates;
            }
        }

        // A watch is one long response: the client-wide timeout must not end it (each call carries its own token).
        config.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        return new Kubernetes(config);
    }

    private static string? KubeconfigValue(IConfiguration configuration) =>
        configuration.GetSection(KubernetesOptions.Section + ":ApiServer").Value is { Length: > 0 } path ? path : null;
}
