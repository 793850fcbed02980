using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeMesos.Framework.Store;

/// <summary>
/// Labels, annotations, selectors: a map of strings read and written in one converter call, as System.Text.Json's own
/// map converter does it, strings through the options' string converter (the store's decoding shares them). The
/// serializer's own converter writes a map through its interface, a boxed enumerator for every map of every object
/// encoded, and keeps a frame for it on the stack it allocates per (de)serialization (see <see cref="QuantityMapConverter"/>).
/// </summary>
internal sealed class StringMapConverter : JsonConverter<IDictionary<string, string>>
{
    public override IDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // The serializer words it, with the path.
            throw new JsonException();
        }

        var strings = (JsonConverter<string>)options.GetConverter(typeof(string));
        var map = new Dictionary<string, string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = strings.ReadAsPropertyName(ref reader, typeof(string), options);
            reader.Read();
            // A key given twice keeps its last value, as the serializer's own map converter does.
            map[key] = reader.TokenType == JsonTokenType.Null ? null! : strings.Read(ref reader, typeof(string), options)!;
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IDictionary<string, string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value is Dictionary<string, string> map)
        {
            foreach (var (key, text) in map)
            {
                WriteEntry(writer, key, text, options);
            }
        }
        else
        {
            foreach (var (key, text) in value)
            {
                WriteEntry(writer, key, text, options);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter writer, string key, string? text, JsonSerializerOptions options)
    {
        writer.WritePropertyName(options.DictionaryKeyPolicy?.ConvertName(key) ?? key);
        if (text is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }
}
