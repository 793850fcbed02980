using System.Collections.Concurrent;
using System.Globalization;
using k8s.Models;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// Nodes, read-only: each Mesos agent the framework knows (from the cluster feed) as a Ready node with its cpus and
/// memory as capacity and allocatable, and its attributes as labels (<see cref="NodeLabels"/>).
/// </summary>
internal static class NodesApi
{
    public const string KubeletVersion = "v1.32.0-mesos";

    // Agents carry no registration time: a node's age counts from when this process first saw it.
    private static readonly ConcurrentDictionary<string, DateTime> FirstSeen = new(StringComparer.Ordinal);

    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        TableColumn.ObjectName(),
        TableColumn.Text("Status", "The status of the node"),
        TableColumn.Text("Roles", "The roles of the node"),
        TableColumn.Age(),
        TableColumn.Text("Version", "Kubelet Version reported by the node."),
        TableColumn.Text("Internal-IP", "List of internal IPs for the node.", 1),
        TableColumn.Text("External-IP", "List of external IPs for the node.", 1),
        TableColumn.Text("OS-Image", "OS image reported by the node.", 1),
        TableColumn.Text("Kernel-Version", "Kernel version reported by the node.", 1),
        TableColumn.Text("Container-Runtime", "Container runtime reported by the node.", 1),
    ];

    public static void MapNodesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/nodes", List);
        api.MapGet("/nodes/{name}", Get);
    }

    public static V1Node ToNode(AgentView agent, DateTimeOffset now)
    {
        var cpu = new ResourceQuantity(agent.CpusCapacity.ToString("0.###", CultureInfo.InvariantCulture));
        var memory = new ResourceQuantity(((long)Math.Round(agent.MemCapacityMb)).ToString(CultureInfo.InvariantCulture) + "Mi");
        var seen = FirstSeen.GetOrAdd(agent.Hostname, _ => now.UtcDateTime);
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta
            {
                Name = agent.Hostname,
                Uid = agent.AgentId,
                CreationTimestamp = seen,
                Labels = NodeLabels.For(agent).ToDictionary(),
                Annotations = new Dictionary<string, string> { ["k8s.mesosphere.io/agent-id"] = agent.AgentId },
            },
            Spec = new V1NodeSpec { ProviderID = "mesos://" + agent.AgentId },
            Status = new V1NodeStatus
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = new("110") },
                Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = new("110") },
                Conditions =
                [
                    new V1NodeCondition
                    {
                        Type = "Ready",
                        Status = "True",
                        Reason = "MesosAgentActive",
                        Message = "the Mesos agent is registered with the master",
                        LastHeartbeatTime = now.UtcDateTime,
                        LastTransitionTime = seen,
                    },
                ],
                Addresses = [new V1NodeAddress { Type = "Hostname", Address = agent.Hostname }],
                NodeInfo = new V1NodeSystemInfo
                {
                    KubeletVersion = KubeletVersion,
                    KubeProxyVersion = "",
                    ContainerRuntimeVersion = "mesos",
                    OperatingSystem = "linux",
                    Architecture = "amd64",
                    OsImage = "",
                    KernelVersion = "",
                    MachineID = agent.AgentId,
                    SystemUUID = agent.AgentId,
                    BootID = agent.AgentId,
                },
            },
        };
    }

    private static IResult List(HttpContext http, [Microsoft.AspNetCore.Mvc.FromServices] ApiContext api)
    {
        try
        {
            var query = http.Request.Query;
            if (query["watch"].ToString() is "true" or "1")
            {
                throw ApiStatus.MethodNotAllowed("watch is not supported on nodes: they follow the Mesos agents, list them again");
            }

            var labels = ApiSelectors.Labels(query["labelSelector"]);
            var fields = FieldSelector<V1Node>.Parse(query["fieldSelector"], new Dictionary<string, Func<V1Node, string?>>
            {
                ["metadata.name"] = n => n.Metadata.Name,
            });
            var snapshot = api.Feed.Current;
            var now = api.Clock.GetUtcNow();
            var nodes = snapshot.Agents.Values
                .Select(a => ToNode(a, now))
                .Where(n => labels.Matches(n.Metadata.Labels.AsReadOnly()) && fields.Matches(n))
                .OrderBy(n => n.Metadata.Name, StringComparer.Ordinal)
                .ToList();
            var version = snapshot.Version.ToString(CultureInfo.InvariantCulture);
            if (Tables.Requested(http.Request) is { } table)
            {
                return KubeJsonResult.Ok(Table(nodes, table, version, now));
            }

            return KubeJsonResult.Ok(new V1NodeList { ApiVersion = "v1", Kind = "NodeList", Metadata = new V1ListMeta { ResourceVersion = version }, Items = nodes });
        }
        catch (ApiException ex)
        {
            return KubeJsonResult.From(ex.Status);
        }
    }

    private static IResult Get(HttpContext http, string name, [Microsoft.AspNetCore.Mvc.FromServices] ApiContext api)
    {
        var now = api.Clock.GetUtcNow();
        var agent = api.Feed.Current.Agents.Values.FirstOrDefault(a => a.Hostname == name);
        if (agent is null)
        {
            return KubeJsonResult.From(ApiStatus.NotFound("nodes", name).Status);
        }

        var node = ToNode(agent, now);
        return Tables.Requested(http.Request) is { } table
            ? KubeJsonResult.Ok(Table([node], table, node.Metadata.ResourceVersion, now))
            : KubeJsonResult.Ok(node);
    }

    private static Table Table(IEnumerable<V1Node> nodes, TableRequest request, string? version, DateTimeOffset now)
    {
        var definition = new ResourceDefinition<V1Node>
        {
            Plural = "nodes",
            Singular = "node",
            Kind = "Node",
            Namespaced = false,
            Validate = _ => [],
            Columns = Columns,
            Cells = (node, at) =>
            [
                node.Metadata.Name,
                node.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True") ? "Ready" : "NotReady",
                "<none>",
                HumanDuration.Since(node.Metadata.CreationTimestamp, at),
                node.Status.NodeInfo.KubeletVersion,
                "<none>",
                "<none>",
                "<unknown>",
                "<unknown>",
                node.Status.NodeInfo.ContainerRuntimeVersion,
            ],
        };
        return Tables.Build(definition, nodes, request, version, null, now);
    }
}
