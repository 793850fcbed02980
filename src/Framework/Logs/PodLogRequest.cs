namespace KubeMesos.Framework.Logs;

/// <summary>What a reader asks of a container's log (the API's <c>pods/{name}/log</c> parameters we serve).</summary>
public sealed record PodLogRequest(string? Container = null, bool Follow = false, int? TailLines = null, long? LimitBytes = null, LogStream Stream = LogStream.All);

/// <summary>
/// Which sandbox file to read: Kubernetes' <c>stream</c> parameter of <c>pods/{name}/log</c> (KEP-3288, values as
/// there). <see cref="All"/> is the default, as in Kubernetes.
/// </summary>
public enum LogStream
{
    All,
    Stdout,
    Stderr,
}

/// <summary>Why a log cannot be served; <see cref="NotFound"/> maps to 404, the rest to 400.</summary>
public sealed class PodLogException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
