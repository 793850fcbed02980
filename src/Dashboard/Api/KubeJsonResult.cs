using k8s;
using k8s.Models;

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
        var json = Value is V1Status status ? StatusJson.ToNode(status).ToJsonString(StatusJson.Options) : KubernetesJson.Serialize(Value);
        await httpContext.Response.WriteAsync(json, httpContext.RequestAborted);
    }
}
