using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// Every HTTP route of the embedded master's Kestrel: the scheduler API, the operator API (<c>/api/v1</c>),
/// <c>/master/redirect</c>, <c>/health</c>, <c>/version</c>, <c>/master/state</c> (each also without the
/// <c>/master</c> prefix, as libprocess serves them), and the simulated agents' <c>/files/read</c> under
/// <c>/agent/&lt;agent-id&gt;/</c> (the path their offers' <c>url</c> names).
/// </summary>
internal sealed class MasterHttpRouter(EmbeddedMesosMaster master, SchedulerEndpoint scheduler, OperatorEndpoint operatorApi)
{
    public const string AgentPrefix = "/agent/";

    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(AgentPrefix, StringComparison.Ordinal))
        {
            return AgentAsync(context, path[AgentPrefix.Length..]);
        }

        var route = path.StartsWith("/master/", StringComparison.Ordinal) ? path["/master".Length..] : path;
        return route switch
        {
            "/api/v1/scheduler" => scheduler.HandleAsync(context),
            "/api/v1" => operatorApi.HandleAsync(context),
            "/redirect" => GetOnly(context, Redirect),
            "/health" => GetOnly(context, c => c.Response.StatusCode = StatusCodes.Status200OK),
            "/version" => GetOnly(context, c => WriteJsonAsync(c, EmbeddedMesosMaster.VersionJson())),
            "/state" or "/state.json" => GetOnly(context, c => WriteJsonAsync(c, master.StateJson())),
            "/files/read" or "/files/read.json" when route == path => FilesReadAsync(context, null),
            _ => NotFoundAsync(context),
        };
    }

    /// <summary>This master always leads: a 307 to itself, protocol-relative as Mesos writes it.</summary>
    private void Redirect(HttpContext context)
    {
        var self = master.BaseUri!;
        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = $"//{self.Host}:{self.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private async Task AgentAsync(HttpContext context, string rest)
    {
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || rest[slash..] is not ("/files/read" or "/files/read.json"))
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        await FilesReadAsync(context, rest[..slash]).ConfigureAwait(false);
    }

    private async Task FilesReadAsync(HttpContext context, string? agentId)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET";
            await TextAsync(context, StatusCodes.Status405MethodNotAllowed, $"Expecting 'GET', received '{context.Request.Method}'").ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query;
        var file = query["path"].ToString();
        if (file.Length == 0)
        {
            await TextAsync(context, StatusCodes.Status400BadRequest, "Expecting 'path=value' in query.").ConfigureAwait(false);
            return;
        }

        long offset = -1;
        long? length = null;
        if ((query.ContainsKey("offset") && !long.TryParse(query["offset"], NumberStyles.Integer, CultureInfo.InvariantCulture, out offset))
            || (query.ContainsKey("length") && !(long.TryParse(query["length"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && (length = l) >= -1)))
        {
            await TextAsync(context, StatusCodes.Status400BadRequest, "Failed to parse offset or length: not an integer").ConfigureAwait(false);
            return;
        }

        if (length == -1)
        {
            length = null;
        }

        var read = master.ReadFile(agentId, file, Math.Max(offset, 0), offset < 0 ? 0 : length);
        if (!read.Found)
        {
            await TextAsync(context, StatusCodes.Status404NotFound, $"File not found: {file}").ConfigureAwait(false);
            return;
        }

        // Mesos: offset -1 asks for the file's size ({"data": "", "offset": size}).
        await WriteJsonAsync(context, new Dictionary<string, object>
        {
            ["data"] = System.Text.Encoding.UTF8.GetString(read.Data),
            ["offset"] = offset < 0 ? read.Size : offset,
        }).ConfigureAwait(false);
    }

    private static Task GetOnly(HttpContext context, Action<HttpContext> handle)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET";
            return TextAsync(context, StatusCodes.Status405MethodNotAllowed, $"Expecting 'GET', received '{context.Request.Method}'");
        }

        handle(context);
        return Task.CompletedTask;
    }

    private static Task GetOnly(HttpContext context, Func<HttpContext, Task> handle)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET";
            return TextAsync(context, StatusCodes.Status405MethodNotAllowed, $"Expecting 'GET', received '{context.Request.Method}'");
        }

        return handle(context);
    }

    private Task NotFoundAsync(HttpContext context)
    {
        master.CountRejection();
        return TextAsync(context, StatusCodes.Status404NotFound, $"No handler for {context.Request.Path}");
    }

    private static Task WriteJsonAsync<T>(HttpContext context, T value)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, (JsonSerializerOptions?)null, context.RequestAborted);
    }

    internal static Task TextAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }
}
