using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace KubeMesos.Shared.Mesos;

/// <summary>
/// Reads JSON the way a real Mesos master does (stout <c>protobuf::parse</c>, MESOS-V1-FACTS §1): fields are looked up
/// by their proto field name only, so a lowerCamelCase key (<c>frameworkId</c>) is silently ignored, like any unknown key.
/// Google.Protobuf's <see cref="JsonParser"/> accepts both spellings, so the keys are filtered against the descriptors first.
/// </summary>
public static class MesosJsonDialect
{
    /// <summary>Parses <paramref name="json"/> into a <typeparamref name="T"/>, keeping only keys that are proto field names.</summary>
    /// <exception cref="FormatException">the text is not a JSON object or does not convert to the message.</exception>
    public static T Parse<T>(string json)
        where T : IMessage<T>, new()
    {
        JsonNode? root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = LastKeyWins(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Body is not valid JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // An unpaired surrogate escape ("\ud800"): Mesos' JSON parser refuses it too.
            throw new FormatException($"Body is not valid JSON: {e.Message}", e);
        }

        if (root is not JsonObject obj)
        {
            throw new FormatException("Body is not a JSON object.");
        }

        KeepProtoFieldNames(obj, new T().Descriptor);
        try
        {
            return MesosMediaTypes.JsonReader.Parse<T>(obj.ToJsonString());
        }
        catch (Exception e) when (e is InvalidJsonException or InvalidProtocolBufferException or ArgumentException)
        {
            throw new FormatException($"JSON does not convert to {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The tree of a parsed document, a key given twice keeping its last value as in Mesos' parser (picojson): not
    /// <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>, whose lazy object throws
    /// <see cref="ArgumentException"/> on first access to such an object, which answered a 500.
    /// </summary>
    private static JsonNode? LastKeyWins(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj.Remove(property.Name);
                    obj[property.Name] = LastKeyWins(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(LastKeyWins(item));
                }

                return array;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.Null:
                return null;
            default:
                return JsonNode.Parse(element.GetRawText());
        }
    }

    private static readonly ConcurrentDictionary<MessageDescriptor, FrozenDictionary<string, FieldDescriptor>> s_protoNames = new();

    private static FrozenDictionary<string, FieldDescriptor> ProtoNames(MessageDescriptor descriptor) =>
        s_protoNames.GetOrAdd(descriptor, d => d.Fields.InDeclarationOrder().ToFrozenDictionary(f => f.Name, StringComparer.Ordinal));

    private static void KeepProtoFieldNames(JsonObject obj, MessageDescriptor descriptor)
    {
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            // Not MessageDescriptor.FindFieldByName: the descriptor pool also resolves JSON names through it.
            var field = ProtoNames(descriptor).GetValueOrDefault(key);
            if (field is null)
            {
                obj.Remove(key);
                continue;
            }

            if (field.FieldType is not (FieldType.Message or FieldType.Group) || field.IsMap)
            {
                continue;
            }

            switch (obj[key])
            {
                case JsonObject child:
                    KeepProtoFieldNames(child, field.MessageType);
                    break;
                case JsonArray items:
                    foreach (var item in items.OfType<JsonObject>())
                    {
                        KeepProtoFieldNames(item, field.MessageType);
                    }

                    break;
            }
        }
    }
}
