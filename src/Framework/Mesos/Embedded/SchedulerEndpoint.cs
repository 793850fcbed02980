using System.Text;
using Google.Protobuf;
using KubeMesos.Framework.Http;
using KubeMesos.Shared.Mesos;
using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// <c>POST /api/v1/scheduler</c> (and <c>/master/api/v1/scheduler</c>) with the HTTP behaviour of src/master/http.cpp:
/// exact Content-Type, Accept negotiation for SUBSCRIBE, RecordIO event stream, 202 for other calls, and the same
/// status codes for bad input. Every rejection is logged and counted; the master keeps serving.
/// </summary>
internal sealed class SchedulerEndpoint(EmbeddedMesosMaster master, ILogger<SchedulerEndpoint> logger)
{
    // Far above any real call (an ACCEPT launching a large group is a few KB).
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Value is not ("/api/v1/scheduler" or "/master/api/v1/scheduler"))
        {
            await RejectAsync(context, StatusCodes.Status404NotFound, $"No handler for {request.Path}").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await RejectAsync(context, StatusCodes.Status405MethodNotAllowed, $"Expecting 'POST', received '{request.Method}'").ConfigureAwait(false);
            return;
        }

        // Mesos compares the whole header: "application/json; charset=utf-8" is a 415.
        var contentType = request.Headers.ContentType.ToString();
        if (contentType.Length == 0)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "Expecting 'Content-Type' to be present").ConfigureAwait(false);
            return;
        }

        if (contentType is not (MesosMediaTypes.Protobuf or MesosMediaTypes.Json))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"Expecting 'Content-Type' of {MesosMediaTypes.Json} or {MesosMediaTypes.Protobuf}, got '{contentType}'").ConfigureAwait(false);
            return;
        }

        Call call;
        try
        {
            using var body = await PooledBody.ReadAsync(request.Body, request.ContentLength, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false)
                ?? throw new BadHttpRequestException($"Request body exceeds {MaxBodyBytes} bytes");
            call = contentType == MesosMediaTypes.Protobuf
                ? Call.Parser.ParseFrom(body.Span)
                : MesosJsonDialect.Parse<Call>(Encoding.UTF8.GetString(body.Span));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException or DecoderFallbackException)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, $"Failed to parse body into Call: {e.Message}").ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException e)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
            return;
        }

        if (CallValidator.Validate(call) is { } invalid)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, $"Failed to validate scheduler::Call: {invalid}").ConfigureAwait(false);
            return;
        }

        if (call.Type == Call.Types.Type.Subscribe)
        {
            await SubscribeAsync(context, call).ConfigureAwait(false);
            return;
        }

        string? streamId = request.Headers.TryGetValue(MesosMediaTypes.StreamIdHeader, out var values) ? values.ToString() : null;
        var result = master.Handle(call, streamId);
        if (result.Error is not null)
        {
            await RejectAsync(context, result.StatusCode, result.Error, call).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = result.StatusCode;
    }

    private async Task SubscribeAsync(HttpContext context, Call call)
    {
        if (context.Request.Headers.ContainsKey(MesosMediaTypes.StreamIdHeader))
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "Subscribe calls should not include the 'Mesos-Stream-Id' header", call).ConfigureAwait(false);
            return;
        }

        // Mesos tries JSON first, so no Accept (or */*) means JSON.
        var accept = context.Request.GetTypedHeaders().Accept;
        bool json;
        if (Accepts(accept, MesosMediaTypes.Json))
        {
            json = true;
        }
        else if (Accepts(accept, MesosMediaTypes.Protobuf))
        {
            json = false;
        }
        else
        {
            await RejectAsync(context, StatusCodes.Status406NotAcceptable,
                $"Expecting 'Accept' to allow '{MesosMediaTypes.Json}' or '{MesosMediaTypes.Protobuf}'", call).ConfigureAwait(false);
            return;
        }

        var stream = master.Subscribe(call.Subscribe, json);
        var response = context.Response;
        var aborted = context.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = json ? MesosMediaTypes.Json : MesosMediaTypes.Protobuf;
        response.Headers[MesosMediaTypes.StreamIdHeader] = stream.Id;
        try
        {
            await response.StartAsync(aborted).ConfigureAwait(false);
            await foreach (var e in stream.Events.ReadAllAsync(aborted).ConfigureAwait(false))
            {
                var bytes = json ? Encoding.UTF8.GetBytes(MesosJsonWriter.Format(e)) : e.ToByteArray();
                await RecordIoWriter.WriteAsync(response.Body, bytes, aborted).ConfigureAwait(false);
                await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            logger.LogDebug(e, "Event stream {StreamId} ended", stream.Id);
        }
        finally
        {
            master.OnStreamEnded(stream);
        }
    }

    private static bool Accepts(IList<MediaTypeHeaderValue> accept, string mediaType)
    {
        if (accept.Count == 0)
        {
            return true;
        }

        var type = mediaType[..mediaType.IndexOf('/', StringComparison.Ordinal)];
        return accept.Any(a =>
            (a.Quality ?? 1) > 0
            && (a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)
                || a.MediaType.Equals(type + "/*", StringComparison.OrdinalIgnoreCase)
                || a.MediaType.Equals("*/*", StringComparison.Ordinal)));
    }


    private async Task RejectAsync(HttpContext context, int statusCode, string message, Call? call = null)
    {
        master.CountRejection();
        logger.LogWarning("Rejected {Method} {Path} ({CallType}, framework {FrameworkId}) with {Status}: {Message}",
            context.Request.Method, context.Request.Path.Value, call?.Type, call?.FrameworkId?.Value, statusCode, message);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted).ConfigureAwait(false);
    }
}
