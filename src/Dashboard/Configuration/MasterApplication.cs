using KubeMesos.Framework.Mesos.Embedded;

namespace KubeMesos.Dashboard.Configuration;

/// <summary>
/// <c>KubeMesos.Dashboard master</c>: only the embedded Mesos master and its simulated agents, on
/// <c>Mesos:Embedded:Port</c>, with no dashboard, API or scheduler; the app then runs against it with
/// <c>--Mesos:Master=http://127.0.0.1:PORT --Mesos:Embedded:Enabled=false</c> and can die while the cluster keeps running.
/// Besides the master's own port it serves read-only views (<c>GET /api/operator/agents</c>, <c>/api/operator/tasks</c>)
/// on <c>Master:Urls</c> (default a free loopback port, logged at start).
/// </summary>
public static class MasterApplication
{
    /// <summary>The first command-line argument that selects this mode.</summary>
    public const string Command = "master";

    public static bool IsMasterCommand(string[] args) => args.Length > 0 && args[0] == Command;

    /// <param name="args">The arguments after <see cref="Command"/>.</param>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(MasterApplication).Assembly.GetName().Name,
        });

        // Its own key, not "urls": `dotnet run`'s launch profile sets ASPNETCORE_URLS for the app, which may run beside it.
        builder.WebHost.UseUrls(builder.Configuration["Master:Urls"] ?? "http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{EmbeddedMasterOptions.Section}:Enabled"] = "true" });
        builder.Services.AddEmbeddedMesosMaster(builder.Configuration);

        var app = builder.Build();
        var views = app.MapGroup("/api/operator");
        views.MapGet("/agents", (EmbeddedMesosMaster master) => TypedResults.Ok(master.GetAgents()));
        views.MapGet("/tasks", (EmbeddedMesosMaster master) => TypedResults.Ok(master.GetTasks()));
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "Master mode: read-only views on {Urls}/api/operator/{{agents,tasks}}", string.Join(", ", app.Urls)));
        return app;
    }
}
