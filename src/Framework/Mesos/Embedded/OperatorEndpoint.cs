using System.Text;
using Google.Protobuf;
using KubeMesos.Framework.Http;
using KubeMesos.Shared.Mesos;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using MasterCall = Mesos.V1.Master.Call;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// <c>POST /api/v1</c>, the v1 operator API, for the calls tools and the dashboard use (GET_HEALTH, GET_VERSION,
/// GET_STATE, GET_AGENTS, GET_FRAMEWORKS, GET_TASKS): a <c>mesos.v1.master.Call</c> in protobuf or JSON, answered
/// with a <c>Response</c> in the encoding <c>Accept</c> asks for (JSON when it allows anything), as src/master/http.cpp.
/// </summary>
internal sealed class OperatorEndpoint(EmbeddedMesosMaster master, ILogger<OperatorEndpoint> logger)
{
    private const int MaxBodyBytes = 1024 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await RejectAsync(context, StatusCodes.Status405MethodNotAllowed, $"Expecting 'POST', received '{request.Method}'").ConfigureAwait(false);
            return;
        }

        var contentType = request.Headers.ContentType.ToString();
        if (contentType is not (MesosMediaTypes.Protobuf or MesosMediaTypes.Json))
        {
            await RejectAsync(context, contentType.Length == 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status415UnsupportedMediaType,
                contentType.Length == 0 ? "Expecting 'Content-Type' to be present" : $"Expecting 'Content-Type' of {MesosMediaTypes.Json} or {MesosMediaTypes.Protobuf}").ConfigureAwait(false);
            return;
        }

        var accept = request.GetTypedHeaders().Accept;
        var json = accept.Count == 0 || Allows(accept, MesosMediaTypes.Json);
        if (!json && !Allows(accept, MesosMediaTypes.Protobuf))
        {
            await RejectAsync(context, StatusCodes.Status406NotAcceptable, $"Expecting 'Accept' to allow '{MesosMediaTypes.Json}' or '{MesosMediaTypes.Protobuf}'").ConfigureAwait(false);
            return;
        }

        MasterCall call;
        try
        {
            using var requestBody = await PooledBody.ReadAsync(request.Body, request.ContentLength, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
            if (requestBody is null)
            {
                await RejectAsync(context, StatusCodes.Status400BadRequest, $"Request body exceeds {MaxBodyBytes} bytes").ConfigureAwait(false);
                return;
            }

            call = contentType == MesosMediaTypes.Protobuf
                ? MasterCall.Parser.ParseFrom(requestBody.Span)
                : MesosJsonDialect.Parse<MasterCall>(Encoding.UTF8.GetString(requestBody.Span));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException or DecoderFallbackException)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, $"Failed to parse body into Call: {e.Message}").ConfigureAwait(false);
            return;
        }

        if (!call.HasType || call.Type == MasterCall.Types.Type.Unknown)
        {
            await RejectAsync(context, StatusCodes.Status501NotImplemented, "Expecting 'type' to be present").ConfigureAwait(false);
            return;
        }

        if (master.OperatorResponse(call.Type) is not { } response)
        {
            await RejectAsync(context, StatusCodes.Status501NotImplemented, $"Call type {call.Type} is not served by the embedded master").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = json ? MesosMediaTypes.Json : MesosMediaTypes.Protobuf;
        var body = json ? Encoding.UTF8.GetBytes(MesosJsonWriter.Format(response)) : response.ToByteArray();
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool Allows(IList<MediaTypeHeaderValue> accept, string mediaType) => accept.Any(a =>
        (a.Quality ?? 1) > 0
        && (a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)
            || a.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
            || a.MediaType.Equals("*/*", StringComparison.Ordinal)));

    private Task RejectAsync(HttpContext context, int status, string message)
    {
        master.CountRejection();
        logger.LogWarning("Rejected operator call {Method} {Path} with {Status}: {Message}", context.Request.Method, context.Request.Path.Value, status, message);
        return MasterHttpRouter.TextAsync(context, status, message);
    }
}
