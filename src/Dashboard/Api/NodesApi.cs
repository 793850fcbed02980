using k8s.Models;
using KubeMesos.Framework.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// Nodes: the Mesos agents as the node sync keeps them in the store (<see cref="NodeSync"/>): list, get, watch
/// (<c>kubectl get nodes -w</c>), tables, delete. Nodes follow the agents, so create and update are refused.
/// </summary>
internal static class NodesApi
{
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

    public static readonly ResourceHandler<V1Node> Handler = new(new ResourceDefinition<V1Node>
    {
        Plural = "nodes",
        Singular = "node",
        Kind = "Node",
        Namespaced = false,
        ShortNames = ["no"],
        Validate = _ => [],
        Columns = Columns,
        Cells = (node, at) =>
        [
            node.Metadata.Name,
            NodeBuilder.IsReady(node) ? "Ready" : "NotReady",
            "<none>",
            HumanDuration.Since(node.Metadata.CreationTimestamp, at),
            node.Status?.NodeInfo?.KubeletVersion ?? "",
            node.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address ?? "<none>",
            "<none>",
            "<unknown>",
            "<unknown>",
            node.Status?.NodeInfo?.ContainerRuntimeVersion ?? "",
        ],
    });

    public static void MapNodesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/nodes", (HttpContext http, [FromServices] ApiContext context) => Handler.ListAsync(http, null, context));
        api.MapGet("/nodes/{name}", (HttpContext http, string name, [FromServices] ApiContext context) => Handler.GetAsync(http, null, name, context));
        api.MapDelete("/nodes/{name}", (HttpContext http, string name, [FromServices] ApiContext context) => Handler.DeleteAsync(http, null, name, context));
        api.MapMethods("/nodes", [HttpMethods.Post], ReadOnly);
        api.MapMethods("/nodes/{name}", [HttpMethods.Put, HttpMethods.Patch], ReadOnly);
    }

    private static IResult ReadOnly() =>
        KubeJsonResult.From(ApiStatus.MethodNotAllowed("nodes are the Mesos agents the master has registered: they cannot be created or changed through this API").Status);
}
