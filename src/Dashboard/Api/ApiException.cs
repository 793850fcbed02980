using k8s.Models;

namespace KubeMesos.Dashboard.Api;

/// <summary>A request the API refuses, carrying the <c>Status</c> to answer with.</summary>
internal sealed class ApiException(V1Status status) : Exception(status.Message)
{
    public V1Status Status { get; } = status;
}
