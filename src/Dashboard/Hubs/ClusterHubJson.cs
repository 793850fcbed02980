using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeMesos.Dashboard.Hubs;

/// <summary>JSON settings of the cluster hub's payloads.</summary>
public static class ClusterHubJson
{
    /// <summary>Applies the hub's settings; a .NET client calls it on its own JSON protocol options too.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
    }
}
