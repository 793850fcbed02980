using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Api;

/// <summary>Endpoints (written by the endpoints controller, readable and writable here); <c>kubectl get ep</c> columns.</summary>
internal static class EndpointsResource
{
    private const int Shown = 3;

    public static readonly ResourceDefinition<V1Endpoints> Definition = new()
    {
        Plural = "endpoints",
        Singular = "endpoints",
        Kind = "Endpoints",
        Namespaced = true,
        ShortNames = ["ep"],
        HasStatus = false,
        Validate = endpoints => MetadataValidator.Validate(endpoints.Metadata),
        Columns =
        [
            TableColumn.ObjectName(),
            TableColumn.Text("Endpoints", "Endpoints of the service."),
            TableColumn.Age(),
        ],
        Cells = (endpoints, now) =>
        [
            endpoints.Metadata.Name,
            Format(endpoints),
            HumanDuration.Since(endpoints.Metadata.CreationTimestamp, now),
        ],
    };

    public static readonly ResourceHandler<V1Endpoints> Handler = new(Definition);

    /// <summary>ip:port pairs, the first three and "+ N more...", as the API server prints them.</summary>
    private static string Format(V1Endpoints endpoints)
    {
        var all = (endpoints.Subsets ?? [])
            .SelectMany(s => (s.Addresses ?? []).SelectMany(a => (s.Ports is { Count: > 0 } ports ? ports.Select(p => $"{a.Ip}:{p.Port}") : [a.Ip])))
            .ToList();
        if (all.Count == 0)
        {
            return "<none>";
        }

        return all.Count <= Shown ? string.Join(",", all) : string.Join(",", all.Take(Shown)) + $" + {all.Count - Shown} more...";
    }
}
