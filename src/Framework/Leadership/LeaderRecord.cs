using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeMesos.Framework.Leadership;

/// <summary>The value a replica writes into the election: its id and, once it leads, since when.</summary>
public sealed record LeaderRecord(
    [property: JsonPropertyName("replica")] string Replica,
    [property: JsonPropertyName("since")] DateTimeOffset? Since)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads a value; a value that is not ours as JSON is taken as a bare replica id (another tool's candidate).</summary>
    public static LeaderRecord Parse(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<LeaderRecord>(value) is { Replica.Length: > 0 } record ? record : new LeaderRecord(value, null);
        }
        catch (JsonException)
        {
            return new LeaderRecord(value, null);
        }
    }
}
