using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Components;
using KubeMesos.Dashboard.Hubs;
using KubeMesos.Dashboard.Security;

namespace KubeMesos.Dashboard.Configuration;

public static class DashboardEndpointExtensions
{
    /// <summary>Static assets, the Blazor app, the cluster hub, the embedded master's operator API and the health endpoints.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseDashboardSecurity();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowLoginPageAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHub<ClusterHub>(ClusterHub.Path);
        app.MapEmbeddedMasterApi();
        app.MapClusterApi();
        app.MapDashboardHealthChecks();
        app.MapDashboardMetrics();
        app.LogListeningAddresses();
        return app;
    }

    /// <summary>Logs "Dashboard listening on http://..." once Kestrel has bound (the port may have been 0).</summary>
    private static void LogListeningAddresses(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                app.Logger.LogInformation("Dashboard listening on {Address}", address);
            }
        });
    }
}
