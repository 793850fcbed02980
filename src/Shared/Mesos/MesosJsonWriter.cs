using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace KubeMesos.Shared.Mesos;

/// <summary>
/// Writes JSON the way an Apache Mesos master does (stout <c>JSON::protobuf</c>, MESOS-V1-FACTS §1): proto field names,
/// 64-bit integers as JSON numbers (<c>"begin": 31000</c>, not <c>"31000"</c>), and every unset optional field that
/// declares an explicit default spelled out with it (<c>"refuse_seconds": 5</c>, <c>"shell": true</c>) unless the
/// field is deprecated. Google.Protobuf's formatter does neither, and simple JSON clients do arithmetic on the values.
/// </summary>
public static class MesosJsonWriter
{
    private static readonly ConcurrentDictionary<FieldDescriptor, bool> s_explicitDefault = new();

    /// <summary>The message in the master's dialect; <paramref name="spellDefaults"/> false leaves unset fields out.</summary>
    public static string Format(IMessage message, bool spellDefaults = true)
    {
        ArgumentNullException.ThrowIfNull(message);
        var root = (JsonObject)JsonNode.Parse(MesosMediaTypes.JsonWriter.Format(message))!;
        Rewrite(message, root, spellDefaults);
        return root.ToJsonString();
    }

    private static void Rewrite(IMessage message, JsonObject obj, bool spellDefaults)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (obj[field.Name] is { } node)
            {
                RewriteValue(field, message, node, obj, spellDefaults);
            }
            else if (spellDefaults && HasExplicitDefault(field) && field.Accessor.GetValue(message) is { } value)
            {
                obj[field.Name] = Scalar(field, value);
            }
        }
    }

    private static void RewriteValue(FieldDescriptor field, IMessage message, JsonNode node, JsonObject parent, bool spellDefaults)
    {
        if (field.IsMap)
        {
            return;
        }

        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated && node is JsonArray items && value is IList list)
            {
                for (var i = 0; i < items.Count && i < list.Count; i++)
                {
                    if (items[i] is JsonObject item && list[i] is IMessage child)
                    {
                        Rewrite(child, item, spellDefaults);
                    }
                }
            }
            else if (node is JsonObject child && value is IMessage childMessage)
            {
                Rewrite(childMessage, child, spellDefaults);
            }

            return;
        }

        if (!Is64Bit(field.FieldType))
        {
            return;
        }

        if (node is JsonArray numbers)
        {
            for (var i = 0; i < numbers.Count; i++)
            {
                numbers[i] = AsNumber(field, numbers[i]);
            }
        }
        else
        {
            parent[field.Name] = AsNumber(field, node);
        }
    }

    private static JsonNode? AsNumber(FieldDescriptor field, JsonNode? node)
    {
        var text = node?.GetValue<string>();
        if (text is null)
        {
            return node;
        }

        return field.FieldType is FieldType.UInt64 or FieldType.Fixed64
            ? JsonValue.Create(ulong.Parse(text, CultureInfo.InvariantCulture))
            : JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture));
    }

    private static JsonNode? Scalar(FieldDescriptor field, object value) => field.FieldType switch
    {
        FieldType.Enum => JsonValue.Create(field.EnumType.FindValueByNumber(Convert.ToInt32(value, CultureInfo.InvariantCulture))?.Name),
        FieldType.Bytes => JsonValue.Create(((ByteString)value).ToBase64()),
        FieldType.Bool => JsonValue.Create((bool)value),
        FieldType.String => JsonValue.Create((string)value),
        FieldType.Double or FieldType.Float => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        FieldType.UInt64 or FieldType.Fixed64 => JsonValue.Create(Convert.ToUInt64(value, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
    };

    private static bool Is64Bit(FieldType type) =>
        type is FieldType.Int64 or FieldType.UInt64 or FieldType.SInt64 or FieldType.Fixed64 or FieldType.SFixed64;

    private static bool HasExplicitDefault(FieldDescriptor field) => s_explicitDefault.GetOrAdd(field, f =>
        !f.IsRepeated && !f.IsRequired && f.FieldType is not (FieldType.Message or FieldType.Group) && f.RealContainingOneof is null
        && f.ToProto() is { HasDefaultValue: true } proto && proto.Options?.Deprecated != true);
}
