using System.Net;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>The master refused a call (any status but 202) or could not be reached.</summary>
public sealed class MesosCallException(string message, HttpStatusCode? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
