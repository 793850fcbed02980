using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Memory;

namespace KubeMesos.Framework.Store;

/// <summary>
/// Serialization and resource-version plumbing shared by the backends (KubernetesClient's JSON). Stored objects and
/// changes are UTF-8 JSON: what System.Text.Json writes and reads natively, what SQLite and etcd store, half the size
/// of a string; a string would be transcoded on every write (twice for SQLite: object row and change row) and again
/// by every watcher's decode.
/// </summary>
internal static class ObjectCodec
{
    // Decoded objects are what the caches keep (a pod decoded by every watcher, and again at every change): their
    // strings go through one table, so the caches share one copy of each namespace, label, image or condition type.
    private static readonly JsonSerializerOptions DecodeOptions = CreateDecodeOptions();

    // The same, with every property of a top-level object but its kind and metadata left out of its contract.
    private static readonly JsonSerializerOptions MetadataDecodeOptions = new(DecodeOptions)
    {
        TypeInfoResolver = DecodeOptions.TypeInfoResolver!.WithAddedModifier(KeepKindAndMetadata),
    };

    /// <summary>What <see cref="KubernetesJson.Serialize(object, JsonSerializerOptions)"/> writes, as UTF-8.</summary>
    public static byte[] SerializeUtf8<T>(T obj)
        where T : class => KubernetesUtf8Json.Serialize(obj);

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) => Decode<T>(utf8, DecodeOptions);

    public static T? Deserialize<T>(JsonElement element) => KubernetesJson.Deserialize<T>(element, DecodeOptions);

    /// <summary>The object with only apiVersion, kind and metadata: the rest of the text is skipped, not decoded.</summary>
    public static T DeserializeMetadata<T>(ReadOnlySpan<byte> utf8) => Decode<T>(utf8, MetadataDecodeOptions);

    private static T Decode<T>(ReadOnlySpan<byte> utf8, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(utf8, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)))
        ?? throw new InvalidDataException($"stored object is not a {typeof(T).Name}: {Encoding.UTF8.GetString(utf8)}");

    private static void KeepKindAndMetadata(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || !typeof(IKubernetesObject<V1ObjectMeta>).IsAssignableFrom(type.Type))
        {
            return;
        }

        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i].Name is not ("apiVersion" or "kind" or "metadata"))
            {
                type.Properties.RemoveAt(i);
            }
        }
    }

    private static JsonSerializerOptions CreateDecodeOptions()
    {
        // KubernetesClient's own settings, plus the table.
        var options = KubernetesUtf8Json.KubernetesOptions();
        options.Converters.Insert(0, new PooledStringConverter(StringTable.Shared));
        return options;
    }

    public static T WithVersion<T>(T obj, long version)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        obj.Metadata.ResourceVersion = FormatVersion(version);
        return obj;
    }

    public static string FormatVersion(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The resource version a caller asked for; null when empty (an unconditional write).</summary>
    /// <exception cref="ArgumentException">not a resource version this store issued.</exception>
    public static long? ParseVersion(string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion))
        {
            return null;
        }

        return long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new ArgumentException($"invalid resourceVersion \"{resourceVersion}\": expected a positive integer", nameof(resourceVersion));
    }

    /// <summary>
    /// True when anything but metadata and status differs: what Kubernetes counts as a spec change, which bumps
    /// <c>metadata.generation</c> (controllers report <c>observedGeneration</c> against it).
    /// </summary>
    public static bool SpecChanged(JsonElement stored, JsonElement updated)
    {
        var count = 0;
        foreach (var property in stored.EnumerateObject())
        {
            if (IsIgnored(property.Name))
            {
                continue;
            }

            count++;
            if (!updated.TryGetProperty(property.Name, out var value) || !JsonElement.DeepEquals(property.Value, value))
            {
                return true;
            }
        }

        foreach (var property in updated.EnumerateObject())
        {
            if (!IsIgnored(property.Name))
            {
                count--;
            }
        }

        return count != 0;
    }

    /// <summary>
    /// A digest of what <see cref="SpecChanged"/> compares, from the text as written: equal digests mean the same text
    /// (so no spec change); different ones mean only that <see cref="SpecChanged"/> has to decide (the same spec may be
    /// written in another property order).
    /// </summary>
    public static UInt128 SpecDigest(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        UInt128 digest = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return digest;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // "name":value as it stands in the text, chained into the digest.
            var start = (int)reader.TokenStartIndex;
            var ignored = IsIgnored(ref reader);
            if (!reader.Read() || !reader.TrySkip())
            {
                break;
            }

            if (!ignored)
            {
                digest = XxHash128.HashToUInt128(utf8[start..(int)reader.BytesConsumed], unchecked((long)(ulong)digest));
            }
        }

        return digest;
    }

    private static bool IsIgnored(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("metadata"u8) || reader.ValueTextEquals("status"u8) || reader.ValueTextEquals("apiVersion"u8) || reader.ValueTextEquals("kind"u8);

    private static bool IsIgnored(string property) => property is "metadata" or "status" or "apiVersion" or "kind";
}
