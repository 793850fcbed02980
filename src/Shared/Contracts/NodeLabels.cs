namespace KubeMesos.Shared.Contracts;

/// <summary>
/// The labels a Mesos agent carries as a Kubernetes node: each attribute as
/// <c>k8s.mesosphere.io/attribute-&lt;name&gt;</c> (the kubernetes-mesos convention), the well-known topology labels
/// for <c>zone</c>/<c>region</c> attributes, and <c>kubernetes.io/hostname</c>. Node selectors match these.
/// </summary>
public static class NodeLabels
{
    public const string Hostname = "kubernetes.io/hostname";
    public const string AttributePrefix = "k8s.mesosphere.io/attribute-";
    public const string Zone = "topology.kubernetes.io/zone";
    public const string Region = "topology.kubernetes.io/region";

    public static IReadOnlyDictionary<string, string> For(string hostname, IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [Hostname] = hostname };
        foreach (var (name, value) in attributes)
        {
            labels[AttributePrefix + name] = value;
        }

        if (attributes.TryGetValue("zone", out var zone))
        {
            labels[Zone] = zone;
        }

        if (attributes.TryGetValue("region", out var region))
        {
            labels[Region] = region;
        }

        return labels;
    }

    public static IReadOnlyDictionary<string, string> For(AgentView agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return For(agent.Hostname, agent.Attributes);
    }
}
