using KubeMesos.Framework.Mesos.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Configuration;

/// <summary>
/// The default FrameworkInfo.webui_url: the dashboard's own URL, from the addresses Kestrel bound (known once the app
/// has started, so the first SUBSCRIBE waits for that). A wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>)
/// becomes <c>Mesos:Hostname</c> or the machine name, which the Mesos web UI can link to.
/// </summary>
public sealed class DashboardWebUi(IServer server, IHostApplicationLifetime lifetime, IOptions<MesosClientOptions> options) : IFrameworkWebUi
{
    // The server starts right after the hosted services; a host that never starts one (tests) must not hold SUBSCRIBE.
    private static readonly TimeSpan s_startWait = TimeSpan.FromSeconds(10);

    public async ValueTask<string?> GetUrlAsync(CancellationToken cancellationToken)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStarted);
            try
            {
                await Task.Delay(s_startWait, wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Started.
            }
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return Choose(addresses, string.IsNullOrWhiteSpace(options.Value.Hostname) ? Environment.MachineName : options.Value.Hostname);
    }

    /// <summary>The first bound address (https preferred), with a wildcard host replaced by <paramref name="hostname"/>.</summary>
    internal static string? Choose(IEnumerable<string> addresses, string hostname)
    {
        var candidates = addresses
            .Select(a => Uri.TryCreate(a.Replace("://+", "://wildcard", StringComparison.Ordinal).Replace("://*", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .Where(u => u.Port != 0)
            .OrderByDescending(u => u.Scheme == Uri.UriSchemeHttps)
            .ToList();
        if (candidates.FirstOrDefault() is not { } chosen)
        {
            return null;
        }

        var builder = new UriBuilder(chosen);
        if (chosen.Host is "wildcard" or "0.0.0.0" or "[::]" or "::")
        {
            builder.Host = hostname;
        }

        return builder.Uri.GetLeftPart(UriPartial.Authority) + "/";
    }
}
