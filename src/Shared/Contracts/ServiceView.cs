namespace KubeMesos.Shared.Contracts;

/// <summary>What the dashboard shows of a service. A service without a selector has an empty <see cref="Selector"/>.</summary>
public sealed record ServiceView(
    string Namespace,
    string Name,
    string Uid,
    IReadOnlyDictionary<string, string> Selector,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<ServicePortView> Ports,
    DateTimeOffset CreatedAt)
{
    public string Key => $"{Namespace}/{Name}";

    /// <summary><c>spec.type</c> (ClusterIP, NodePort, ...).</summary>
    public string Type { get; init; } = "ClusterIP";

    /// <summary><c>spec.clusterIP</c>, when it has one.</summary>
    public string? ClusterIp { get; init; }
}

/// <summary>One port of a service; <see cref="TargetPort"/> is a number or a container port's name.</summary>
public sealed record ServicePortView(string? Name, int Port, string Protocol, string? TargetPort);
