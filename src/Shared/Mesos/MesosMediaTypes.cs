using Google.Protobuf;

namespace KubeMesos.Shared.Mesos;

/// <summary>The two content types a Mesos master takes, and the JSON dialect it speaks.</summary>
public static class MesosMediaTypes
{
    public const string Protobuf = "application/x-protobuf";
    public const string Json = "application/json";
    public const string StreamIdHeader = "Mesos-Stream-Id";

    /// <summary>Mesos reads and writes proto field names (snake_case), never lowerCamelCase (MESOS-V1-FACTS §1).</summary>
    public static readonly JsonFormatter JsonWriter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    /// <summary>Lenient reader for what a (possibly newer) master sends: unknown fields and enum names are dropped.</summary>
    public static readonly JsonParser JsonReader = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
}
