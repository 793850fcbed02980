using KubeMesos.Dashboard.Security;
using KubeMesos.Framework;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KubeMesos.Dashboard.Configuration;

/// <summary>Builds the whole app; <c>Program</c> runs it and the end-to-end tests host it on a free port.</summary>
public static class DashboardApplication
{
    /// <param name="args">Command-line arguments (configuration: <c>--urls</c>, <c>--Mesos:Master=...</c>, ...).</param>
    /// <param name="configure">Last changes to the builder before it is built, e.g. a test's logging.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Fixed, so that a test host (whose entry assembly is the test runner) finds this app's static web assets.
            ApplicationName = typeof(DashboardApplication).Assembly.GetName().Name,
        });

        // Outside Development the static web assets manifest is not read by default; the top-level wwwroot needs it.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddKubeMesosFramework(builder.Configuration);
        builder.Services.AddDashboard();
        builder.Services.AddDashboardSecurity(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDashboard();
        return app;
    }

    /// <summary>The addresses Kestrel bound, e.g. <c>http://127.0.0.1:41234</c>; valid once the app has started.</summary>
    public static IReadOnlyList<string> BoundAddresses(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
