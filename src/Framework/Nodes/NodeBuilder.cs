using System.Globalization;
using k8s.Models;
using KubeMesos.Shared.Contracts;
using Mesos.V1;
using AgentEntry = Mesos.V1.Master.Response.Types.GetAgents.Types.Agent;

namespace KubeMesos.Framework.Nodes;

/// <summary>
/// A Mesos agent (operator API GET_AGENTS) as a Kubernetes node: capacity and allocatable from its total resources
/// (cpus, mem in MiB, disk as ephemeral-storage), attributes as labels (<see cref="NodeLabels"/>), Ready while the
/// master has the agent registered and active.
/// </summary>
public static class NodeBuilder
{
    public const string KubeletVersion = "v1.32.0-mesos";
    public const string AgentIdAnnotation = "k8s.mesosphere.io/agent-id";

    public static V1Node Build(AgentEntry agent, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var info = agent.AgentInfo;
        var attributes = info.Attributes.ToDictionary(a => a.Name, Text, StringComparer.Ordinal);
        var cpus = Scalar(agent.TotalResources, "cpus");
        var mem = Scalar(agent.TotalResources, "mem");
        var disk = Scalar(agent.TotalResources, "disk");
        var resources = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(cpus.ToString("0.###", CultureInfo.InvariantCulture)),
            ["memory"] = new(((long)Math.Round(mem)).ToString(CultureInfo.InvariantCulture) + "Mi"),
            ["ephemeral-storage"] = new(((long)Math.Round(disk)).ToString(CultureInfo.InvariantCulture) + "Mi"),
            ["pods"] = new("110"),
        };
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta
            {
                Name = info.Hostname,
                Labels = NodeLabels.For(info.Hostname, attributes).ToDictionary(),
                Annotations = new Dictionary<string, string> { [AgentIdAnnotation] = info.Id?.Value ?? "" },
            },
            Spec = new V1NodeSpec { ProviderID = "mesos://" + info.Id?.Value },
            Status = new V1NodeStatus
            {
                Capacity = resources,
                Allocatable = new Dictionary<string, ResourceQuantity>(resources),
                Conditions = [Ready(agent.Active, now)],
                Addresses = [new V1NodeAddress { Type = "Hostname", Address = info.Hostname }, .. InternalIp(agent.Pid)],
                NodeInfo = new V1NodeSystemInfo
                {
                    KubeletVersion = KubeletVersion,
                    KubeProxyVersion = "",
                    ContainerRuntimeVersion = "mesos://" + agent.Version,
                    OperatingSystem = "linux",
                    Architecture = "amd64",
                    OsImage = "",
                    KernelVersion = "",
                    MachineID = info.Id?.Value ?? "",
                    SystemUUID = info.Id?.Value ?? "",
                    BootID = info.Id?.Value ?? "",
                },
            },
        };
    }

    /// <summary>The Ready condition of an agent that is (or is no longer) registered and active.</summary>
    public static V1NodeCondition Ready(bool ready, DateTime now, string? why = null) => new()
    {
        Type = "Ready",
        Status = ready ? "True" : "False",
        Reason = ready ? "MesosAgentActive" : "MesosAgentLost",
        Message = ready ? "the Mesos agent is registered with the master" : why ?? "the Mesos master no longer has this agent",
        LastHeartbeatTime = now,
        LastTransitionTime = now,
    };

    /// <summary>
    /// Whether a node whose agent the master no longer lists has been NotReady for <paramref name="grace"/> (since its
    /// Ready condition's last transition, which is stored and so survives restarts).
    /// </summary>
    public static bool GoneForGood(V1Node node, DateTime now, TimeSpan grace)
    {
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        return ready is { Status: not "True" } && (ready.LastTransitionTime is not { } since || now - since >= grace);
    }

    public static bool IsReady(V1Node node) => node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>Whether what a reader sees of the node (labels, capacity, readiness, agent) changed; heartbeats do not count.</summary>
    public static bool Differs(V1Node stored, V1Node desired) =>
        IsReady(stored) != IsReady(desired)
        || !Same(stored.Metadata.Labels, desired.Metadata.Labels)
        || !Same(stored.Metadata.Annotations, desired.Metadata.Annotations)
        || !Same(stored.Status?.Capacity?.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()), desired.Status.Capacity.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()));

    private static bool Same(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(kv => b!.TryGetValue(kv.Key, out var v) && v == kv.Value));

    private static IEnumerable<V1NodeAddress> InternalIp(string pid)
    {
        var at = pid.IndexOf('@', StringComparison.Ordinal);
        var colon = pid.LastIndexOf(':');
        if (at >= 0 && colon > at)
        {
            yield return new V1NodeAddress { Type = "InternalIP", Address = pid[(at + 1)..colon] };
        }
    }

    private static double Scalar(IEnumerable<Resource> resources, string name) =>
        resources.Where(r => r.Name == name && r.Scalar is not null).Sum(r => r.Scalar.Value);

    private static string Text(global::Mesos.V1.Attribute a) =>
        a.Text?.Value ?? a.Scalar?.Value.ToString(CultureInfo.InvariantCulture) ?? string.Join(",", a.Set?.Item ?? []);
}
