using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>
/// The HTTP stack of the <c>mesos</c> client: redirects are followed by the client itself (so it learns the leader
/// and keeps its credentials), TLS trusts <see cref="MesosClientOptions.CaCertificatePath"/> as well, and every
/// request carries HTTP basic authentication when a secret is configured.
/// </summary>
public static class MesosHttpHandlers
{
    public static IHttpClientBuilder AddMesosHandlers(this IHttpClientBuilder builder)
    {
        builder.ConfigurePrimaryHttpMessageHandler(sp => CreatePrimary(sp.GetRequiredService<IOptions<MesosClientOptions>>().Value));
        builder.AddHttpMessageHandler(sp => new BasicAuthenticationHandler(sp.GetRequiredService<IOptions<MesosClientOptions>>()));
        return builder;
    }

    internal static SocketsHttpHandler CreatePrimary(MesosClientOptions options)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (!string.IsNullOrEmpty(options.CaCertificatePath))
        {
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(options.CaCertificatePath));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }

        return handler;
    }

    private sealed class BasicAuthenticationHandler(IOptions<MesosClientOptions> options) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var o = options.Value;
            if (!string.IsNullOrEmpty(o.Secret) && !string.IsNullOrEmpty(o.Principal))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.Principal}:{o.Secret}")));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
