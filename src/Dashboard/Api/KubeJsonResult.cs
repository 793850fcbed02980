using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Dashboard.Api;

/// <summary>An object written with KubernetesClient's serializer (the wire format kubectl and the client libraries read).</summary>
internal sealed class KubeJsonResult(int statusCode, object value) : IResult, IStatusCodeHttpResult, IValueHttpResult
{
    public int? StatusCode { get; } = statusCode;

    public object? Value { get; } = value;

    public static KubeJsonResult Ok(object value) => new(StatusCodes.Status200OK, value);

    public static KubeJsonResult Created(object value) => new(StatusCodes.Status201Created, value);

    public static KubeJsonResult From(V1Status status) => new(status.Code ?? StatusCodes.Status500InternalServerError, status);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode ?? 200;
        httpContext.Response.ContentType = "application/json";
        if (Value is V1Status status)
        {
            await httpContext.Response.WriteAsync(StatusJson.ToNode(status).ToJsonString(StatusJson.Options), httpContext.RequestAborted);
            return;
        }

        // Written as the UTF-8 the serializer makes, not through a string transcoded back (an answer per create).
        var json = KubernetesUtf8Json.Serialize(Value!);
        httpContext.Response.ContentLength = json.Length;
        await httpContext.Response.Body.WriteAsync(json, httpContext.RequestAborted);
    }
}
