using System.Globalization;
using KubeMesos.Framework.Logs;
using Microsoft.AspNetCore.Mvc;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// <c>GET pods/{name}/log</c> (<c>container</c>, <c>follow</c>, <c>tailLines</c>, <c>limitBytes</c>, <c>stream</c>) from
/// the task's Mesos sandbox: stdout then stderr unless <c>stream</c> picks one, and a clear Status for every subresource the API does not serve (instead of "pod not found").
/// </summary>
internal static class PodLogApi
{
    public static void MapPodLogApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/namespaces/{namespace}/pods/{name}/log", LogAsync);
        v1.MapMethods("/namespaces/{namespace}/pods/{name}/log", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete],
            () => KubeJsonResult.From(ApiStatus.MethodNotAllowed("pods/log only supports GET").Status));
        v1.Map("/namespaces/{namespace}/{plural}/{name}/{subresource}", (string plural, string name, string subresource) =>
            KubeJsonResult.From(ApiStatus.Failure(404, "NotFound",
                $"the server does not serve the subresource \"{subresource}\" of {plural} \"{name}\" (served: pods/log, pods/binding, pods/status, replicationcontrollers/scale)",
                new k8s.Models.V1StatusDetails { Name = name, Kind = plural + "/" + subresource })));
    }

    private static async Task LogAsync(HttpContext http, string @namespace, string name, [FromServices] PodLogService logs)
    {
        PodLogRequest request;
        SandboxFile file;
        try
        {
            request = Parse(http.Request.Query);
            file = await logs.LocateAsync(@namespace, name, request.Container, http.RequestAborted);
        }
        catch (ApiException ex)
        {
            await KubeJsonResult.From(ex.Status).ExecuteAsync(http);
            return;
        }
        catch (PodLogException ex)
        {
            await KubeJsonResult.From(ex.NotFound ? ApiStatus.Failure(404, "NotFound", ex.Message) : ApiStatus.BadRequest(ex.Message).Status).ExecuteAsync(http);
            return;
        }
        catch (HttpRequestException ex)
        {
            await KubeJsonResult.From(ApiStatus.Failure(503, "ServiceUnavailable", $"the Mesos master or agent could not be reached: {ex.Message}")).ExecuteAsync(http);
            return;
        }

        var started = false;
        try
        {
            await foreach (var chunk in logs.ReadAsync(@namespace, name, file, request, http.RequestAborted))
            {
                if (!started)
                {
                    http.Response.StatusCode = StatusCodes.Status200OK;
                    http.Response.ContentType = "text/plain";
                    started = true;
                }

                await http.Response.WriteAsync(chunk, http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }

            if (!started)
            {
                http.Response.StatusCode = StatusCodes.Status200OK;
                http.Response.ContentType = "text/plain";
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The follower went away.
        }
        catch (Exception ex) when (!started && ex is PodLogException or HttpRequestException)
        {
            await KubeJsonResult.From(ex is PodLogException { NotFound: true } ? ApiStatus.Failure(404, "NotFound", ex.Message)
                : ApiStatus.Failure(503, "ServiceUnavailable", ex.Message)).ExecuteAsync(http);
        }
    }

    private static PodLogRequest Parse(IQueryCollection query)
    {
        if (query["previous"].ToString() is "true" or "1")
        {
            throw ApiStatus.BadRequest("previous=true is not served: a Mesos sandbox keeps no earlier container instance");
        }

        if (query["timestamps"].ToString() is "true" or "1")
        {
            throw ApiStatus.BadRequest("timestamps=true is not served: a Mesos sandbox holds the container's stdout and stderr as written, with no time per line (simulated tasks stamp their own lines)");
        }

        return new PodLogRequest(
            query["container"].ToString() is { Length: > 0 } c ? c : null,
            query["follow"].ToString() is "true" or "1",
            Number(query, "tailLines") is { } tail ? (int)Math.Min(tail, int.MaxValue) : null,
            Number(query, "limitBytes") is { } limit && limit > 0 ? limit : (query.ContainsKey("limitBytes") ? throw ApiStatus.BadRequest("limitBytes must be greater than 0") : null),
            Stream(query));
    }

    /// <summary>Kubernetes' <c>stream</c> (KEP-3288): <c>All</c> (default: stdout, then stderr), <c>Stdout</c> or <c>Stderr</c>.</summary>
    private static LogStream Stream(IQueryCollection query) => query["stream"].ToString() switch
    {
        "" or "All" => LogStream.All,
        "Stdout" => LogStream.Stdout,
        "Stderr" => LogStream.Stderr,
        var other => throw ApiStatus.BadRequest($"stream must be one of All, Stdout, Stderr, got \"{other}\""),
    };

    private static long? Number(IQueryCollection query, string key)
    {
        if (!query.TryGetValue(key, out var value) || value.ToString().Length == 0)
        {
            return null;
        }

        return long.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw ApiStatus.BadRequest($"{key} must be a non-negative integer, got \"{value}\"");
    }
}
