using KubeMesos.Framework.Mesos.Embedded;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// Operator actions on the embedded master's simulated cluster: add or remove an agent, fail a task. Only mapped
/// while the embedded master runs; a real Mesos cluster is operated through Mesos itself.
/// </summary>
public static class EmbeddedMasterApi
{
    public const string Prefix = "/api/operator";

    public static WebApplication MapEmbeddedMasterApi(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<EmbeddedMasterOptions>>().Value.Enabled)
        {
            return app;
        }

        var api = app.MapGroup(Prefix).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Security.DashboardSecurityExtensions.OperatorApiBodyLimit));
        api.MapGet("/agents", (EmbeddedMesosMaster master) => TypedResults.Ok(master.GetAgents()));
        api.MapGet("/tasks", (EmbeddedMesosMaster master) => TypedResults.Ok(master.GetTasks()));
        api.MapPost("/agents", AddAgent);
        api.MapDelete("/agents/{agentId}", RemoveAgent);
        api.MapPost("/frameworks/{frameworkId}/tasks/{taskId}/fail", FailTask);
        return app;
    }

    private static Results<Created<EmbeddedAgentInfo>, ValidationProblem> AddAgent(EmbeddedAgentDefinition definition, EmbeddedMesosMaster master)
    {
        var errors = Validate(definition);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var agent = master.AddAgent(definition);
        return TypedResults.Created($"{Prefix}/agents/{agent.AgentId}", agent);
    }

    private static Results<NoContent, NotFound<ProblemDetailsMessage>> RemoveAgent(string agentId, EmbeddedMesosMaster master) =>
        master.RemoveAgent(agentId)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new ProblemDetailsMessage($"agent \"{agentId}\" not found"));

    private static Results<Accepted, NotFound<ProblemDetailsMessage>> FailTask(string frameworkId, string taskId, EmbeddedMesosMaster master) =>
        master.FailTask(frameworkId, taskId)
            ? TypedResults.Accepted((string?)null)
            : TypedResults.NotFound(new ProblemDetailsMessage($"framework \"{frameworkId}\" has no live task \"{taskId}\""));

    internal static Dictionary<string, string[]> Validate(EmbeddedAgentDefinition definition)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(definition.Hostname))
        {
            errors["hostname"] = ["Required value"];
        }

        if (definition.Cpus <= 0)
        {
            errors["cpus"] = ["must be greater than 0"];
        }

        if (definition.Mem <= 0)
        {
            errors["mem"] = ["must be greater than 0"];
        }

        if (definition.Disk < 0)
        {
            errors["disk"] = ["must not be negative"];
        }

        if (definition.PortsBegin is < 1 or > 65535 || definition.PortsEnd is < 1 or > 65535 || definition.PortsBegin > definition.PortsEnd)
        {
            errors["ports"] = ["must be a range within 1-65535 with begin <= end"];
        }

        return errors;
    }
}

/// <summary>A one-line error body.</summary>
public sealed record ProblemDetailsMessage(string Message);
