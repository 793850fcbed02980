using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeMesos.Framework.Store;

/// <summary>
/// Requests, limits, capacity: a map of quantities read and written in one converter call, through
/// <see cref="SharedQuantityConverter"/>, as System.Text.Json's own map converter does it. Its own call matters for
/// depth: the serializer keeps a frame per nested object in an array it allocates for every (de)serialization, four
/// frames and then eight, and a pod's requests are its fifth level (spec, containers, a container, resources): every
/// pod decoded or encoded paid for the larger array, ~2 KB, a few per cent of a burst's bytes.
/// </summary>
internal sealed class QuantityMapConverter : JsonConverter<IDictionary<string, ResourceQuantity>>
{
    private static readonly SharedQuantityConverter Quantities = new();

    public override IDictionary<string, ResourceQuantity>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // The serializer words it, with the path.
            throw new JsonException();
        }

        var map = new Dictionary<string, ResourceQuantity>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            // A key given twice keeps its last value, as the serializer's own map converter does.
            map[key] = Quantities.Read(ref reader, typeof(ResourceQuantity), options)!;
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IDictionary<string, ResourceQuantity> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value is Dictionary<string, ResourceQuantity> map)
        {
            foreach (var (key, quantity) in map)
            {
                WriteEntry(writer, key, quantity, options);
            }
        }
        else
        {
            foreach (var (key, quantity) in value)
            {
                WriteEntry(writer, key, quantity, options);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter writer, string key, ResourceQuantity? quantity, JsonSerializerOptions options)
    {
        writer.WritePropertyName(options.DictionaryKeyPolicy?.ConvertName(key) ?? key);
        if (quantity is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            Quantities.Write(writer, quantity, options);
        }
    }
}
