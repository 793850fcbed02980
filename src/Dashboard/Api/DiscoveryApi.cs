using k8s.Models;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// Discovery as kubectl reads it: <c>/version</c>, <c>/api</c> (APIVersions), <c>/api/v1</c> (APIResourceList),
/// <c>/apis</c> (the <c>kubemesos.io</c> extension group, see <see cref="InsightApi"/>). Answers are plain <c>application/json</c>, so clients that ask for aggregated discovery
/// fall back to these legacy documents. OpenAPI: see <see cref="OpenApiApi"/>.
/// </summary>
internal static class DiscoveryApi
{
    private static readonly string[] ObjectVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static void MapDiscoveryApi(this IEndpointRouteBuilder app, RouteGroupBuilder v1)
    {
        app.MapGet("/version", (IOptions<ClusterApiOptions> options) => KubeJsonResult.Ok(Version(options.Value.GitVersion)));
        app.MapGet("/api", (HttpContext http) => KubeJsonResult.Ok(new V1APIVersions
        {
            Kind = "APIVersions",
            Versions = ["v1"],
            ServerAddressByClientCIDRs = [new V1ServerAddressByClientCIDR { ClientCIDR = "0.0.0.0/0", ServerAddress = http.Request.Host.Value ?? "" }],
        }));
        app.MapGet("/apis", () => KubeJsonResult.Ok(new V1APIGroupList { ApiVersion = "v1", Kind = "APIGroupList", Groups = [InsightApi.ApiGroup()] }));
        v1.MapGet("", () => KubeJsonResult.Ok(Resources()));
    }

    public static V1APIResourceList Resources() => new()
    {
        Kind = "APIResourceList",
        GroupVersion = "v1",
        Resources =
        [
            Resource(PodResource.Definition.Plural, PodResource.Definition.Singular, PodResource.Definition.Kind, true, PodResource.Definition.ShortNames, ObjectVerbs, ["all"]),
            Resource(ServiceResource.Definition.Plural, ServiceResource.Definition.Singular, ServiceResource.Definition.Kind, true, ServiceResource.Definition.ShortNames, ObjectVerbs, ["all"]),
            Resource(ReplicationControllerResource.Definition.Plural, ReplicationControllerResource.Definition.Singular, ReplicationControllerResource.Definition.Kind, true,
                ReplicationControllerResource.Definition.ShortNames, ObjectVerbs, ["all"]),
            new V1APIResource { Name = "pods/binding", SingularName = "", Namespaced = true, Kind = "Binding", Verbs = ["create"] },
            new V1APIResource { Name = "pods/status", SingularName = "", Namespaced = true, Kind = "Pod", Verbs = ["get", "patch", "update"] },
            new V1APIResource
            {
                Name = "replicationcontrollers/scale",
                SingularName = "",
                Namespaced = true,
                Group = "autoscaling",
                Version = "v1",
                Kind = "Scale",
                Verbs = ["get", "patch", "update"],
            },
            Resource(EndpointsResource.Definition.Plural, EndpointsResource.Definition.Singular, EndpointsResource.Definition.Kind, true, EndpointsResource.Definition.ShortNames, ObjectVerbs),
            Resource(EventResource.Definition.Plural, EventResource.Definition.Singular, EventResource.Definition.Kind, true, EventResource.Definition.ShortNames, ObjectVerbs),
            Resource(NamespaceResource.Definition.Plural, NamespaceResource.Definition.Singular, NamespaceResource.Definition.Kind, false, NamespaceResource.Definition.ShortNames, ObjectVerbs),
            Resource("nodes", "node", "Node", false, ["no"], ["delete", "get", "list", "watch"]),
        ],
    };

    public static VersionInfo Version(string gitVersion)
    {
        var parts = gitVersion.TrimStart('v').Split('.', '-', '+');
        return new VersionInfo
        {
            Major = parts.ElementAtOrDefault(0) ?? "1",
            Minor = parts.ElementAtOrDefault(1) ?? "0",
            GitVersion = gitVersion,
            GitCommit = "",
            GitTreeState = "clean",
            BuildDate = "",
            GoVersion = "dotnet" + Environment.Version,
            Compiler = "dotnet",
            Platform = $"{(OperatingSystem.IsWindows() ? "windows" : "linux")}/{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}",
        };
    }

    private static V1APIResource Resource(string plural, string singular, string kind, bool namespaced, IReadOnlyList<string> shortNames, IList<string> verbs, IList<string>? categories = null) => new()
    {
        Name = plural,
        SingularName = singular,
        Namespaced = namespaced,
        Kind = kind,
        Verbs = verbs,
        ShortNames = shortNames.Count > 0 ? shortNames.ToList() : null,
        Categories = categories,
    };
}
