using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeMesos.Framework.Store;

/// <summary>
/// Labels, annotations, selectors: a map of strings in one converter call (<see cref="MapConverter{TValue}"/>), values
/// through the options' string converter (the store's decoding shares them).
/// </summary>
internal sealed class StringMapConverter : MapConverter<string>
{
    protected override string ReadValue(ref Utf8JsonReader reader, JsonConverter<string> strings, JsonSerializerOptions options) =>
        strings.Read(ref reader, typeof(string), options)!;

    protected override void WriteValue(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
