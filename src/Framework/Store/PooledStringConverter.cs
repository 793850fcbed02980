using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using KubeMesos.Framework.Memory;

namespace KubeMesos.Framework.Store;

/// <summary>
/// Reads JSON strings (values and dictionary keys) through a <see cref="StringTable"/>; writes them as the built-in
/// converter does. Anything unusual (escapes, a value split across buffers, invalid UTF-8, a long value) goes the
/// built-in way, so the decoded text and the errors are the same.
/// </summary>
internal sealed class PooledStringConverter(StringTable table) : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadPooled(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadPooled(ref reader) ?? throw new JsonException("a property name cannot be null");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private string? ReadPooled(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName)
            || reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > StringTable.MaxLength)
        {
            return reader.GetString();
        }

        Span<char> chars = stackalloc char[StringTable.MaxLength];
        return Utf8.ToUtf16(reader.ValueSpan, chars, out _, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done
            ? table.Get(chars[..written])
            : reader.GetString();
    }
}
