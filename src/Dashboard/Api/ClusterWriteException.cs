using k8s.Models;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// A write the cluster refused, carrying the Kubernetes <see cref="V1Status"/> the API would have answered with:
/// its message, reason (NotFound, AlreadyExists, Conflict, Invalid, Forbidden, ...), code and, for Invalid, one cause
/// per field, so a form can show each next to its field.
/// </summary>
public sealed class ClusterWriteException : Exception
{
    public ClusterWriteException(V1Status status)
        : base(status?.Message)
    {
        ArgumentNullException.ThrowIfNull(status);
        Status = status;
    }

    public ClusterWriteException()
        : this(new V1Status { Status = "Failure", Message = "The write was refused." })
    {
    }

    public ClusterWriteException(string message)
        : this(new V1Status { Status = "Failure", Message = message })
    {
    }

    public ClusterWriteException(string message, Exception innerException)
        : base(message, innerException) => Status = new V1Status { Status = "Failure", Message = message };

    public V1Status Status { get; }

    /// <summary>The Status reason, e.g. <c>Invalid</c>, <c>Conflict</c>, <c>NotFound</c>.</summary>
    public string? Reason => Status.Reason;

    /// <summary>Field causes (<c>spec.replicas</c> → its message); empty when the refusal names no field.</summary>
    public IReadOnlyList<V1StatusCause> Causes => Status.Details?.Causes is { } causes ? [.. causes] : [];
}
