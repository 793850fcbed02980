using System.Text.Json;

namespace KubeMesos.Dashboard.Hubs;

/// <summary>JSON settings of the cluster hub's payloads.</summary>
public static class ClusterHubJson
{
    public static void Configure(JsonSerializerOptions options)
    {
    }
}
