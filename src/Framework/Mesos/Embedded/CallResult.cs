using Microsoft.AspNetCore.Http;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>The HTTP answer to one scheduler call: a status code and, for rejections, the message Mesos would send.</summary>
internal readonly record struct CallResult(int StatusCode, string? Error = null)
{
    public static readonly CallResult Accepted = new(StatusCodes.Status202Accepted);

    public static CallResult BadRequest(string error) => new(StatusCodes.Status400BadRequest, error);
}
