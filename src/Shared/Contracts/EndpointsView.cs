namespace KubeMesos.Shared.Contracts;

/// <summary>A service's endpoints: the pods it routes to, ready or not yet.</summary>
public sealed record EndpointsView(
    string Namespace,
    string Name,
    IReadOnlyList<EndpointAddressView> Ready,
    IReadOnlyList<EndpointAddressView> NotReady)
{
    public string Key => $"{Namespace}/{Name}";
}

/// <summary>
/// One endpoint address: the pod behind it, the agent host it runs on (<c>nodeName</c>, else the address' IP) and
/// the host ports the scheduler chose for the service's ports.
/// </summary>
public sealed record EndpointAddressView(string PodName, string? Host, IReadOnlyList<int> Ports);
