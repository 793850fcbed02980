using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeMesos.Framework.Store;

/// <summary>
/// A map with string keys read and written in one converter call, as System.Text.Json's own map converter does it
/// (keys through the options' string converter, which the store's decoding shares; a key given twice keeps its last
/// value; null values as null). The serializer's own converter writes a map through its interface (a boxed enumerator
/// for every map encoded) and keeps a frame per nested object in an array it allocates for every (de)serialization,
/// four frames and then eight: a pod's requests are its fifth level (spec, containers, a container, resources), so
/// every pod decoded or encoded paid for the larger array, ~2 KB.
/// </summary>
internal abstract class MapConverter<TValue> : JsonConverter<IDictionary<string, TValue>>
    where TValue : class
{
    /// <summary>A value that is not null; <paramref name="strings"/> is the options' string converter.</summary>
    protected abstract TValue ReadValue(ref Utf8JsonReader reader, JsonConverter<string> strings, JsonSerializerOptions options);

    protected abstract void WriteValue(Utf8JsonWriter writer, TValue value, JsonSerializerOptions options);

    public sealed override IDictionary<string, TValue>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // The serializer words it, with the path.
            throw new JsonException();
        }

        var strings = (JsonConverter<string>)options.GetConverter(typeof(string));
        var map = new Dictionary<string, TValue>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = strings.ReadAsPropertyName(ref reader, typeof(string), options);
            reader.Read();
            map[key] = reader.TokenType == JsonTokenType.Null ? null! : ReadValue(ref reader, strings, options);
        }

        return map;
    }

    public sealed override void Write(Utf8JsonWriter writer, IDictionary<string, TValue> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value is Dictionary<string, TValue> map)
        {
            foreach (var (key, item) in map)
            {
                WriteEntry(writer, key, item, options);
            }
        }
        else
        {
            foreach (var (key, item) in value)
            {
                WriteEntry(writer, key, item, options);
            }
        }

        writer.WriteEndObject();
    }

    private void WriteEntry(Utf8JsonWriter writer, string key, TValue? item, JsonSerializerOptions options)
    {
        writer.WritePropertyName(options.DictionaryKeyPolicy?.ConvertName(key) ?? key);
        if (item is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteValue(writer, item, options);
        }
    }
}
