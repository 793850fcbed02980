namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>
/// One container port that needs a port on the agent: <see cref="HostPort"/> &gt; 0 asks for exactly that port,
/// 0 for any free offered port (kubernetes-mesos' "wildcard").
/// </summary>
public sealed record HostPortRequest(string Container, int ContainerPort, int HostPort, string Protocol)
{
    public bool IsWildcard => HostPort == 0;
}

/// <summary>A host port the placement chose for a container port.</summary>
public sealed record HostPortAssignment(string Container, int ContainerPort, ulong HostPort, string Protocol)
{
    /// <summary>kubernetes-mesos' annotation for the chosen port, e.g. <c>k8s.mesosphere.io/port_TCP_80</c>.</summary>
    public string AnnotationKey => $"k8s.mesosphere.io/port_{Protocol}_{ContainerPort}";
}
