using System.Security.Cryptography;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace KubeMesos.Framework.Store;

/// <summary>
/// What every backend does to an object on create and update, so that they behave alike: the caller's object is
/// copied (never mutated or kept), identity and bookkeeping fields are filled from the store's side.
/// </summary>
internal static class ObjectWrites
{
    // Kubernetes' generateName alphabet (no vowels, no confusable characters), five characters.
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>A copy of <paramref name="obj"/> ready to store as new; its resourceVersion is set by the backend.</summary>
    /// <param name="handedOver">The caller gave <paramref name="obj"/> up (<see cref="IObjectStore.CreateHandedOverAsync{T}"/>): it is changed and kept, not copied.</param>
    public static (T Object, ObjectKey Key) PrepareCreate<T>(StoreKind kind, T obj, TimeProvider time, bool handedOver = false)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        var copy = handedOver ? obj : Copy(obj);
        copy.Metadata ??= new V1ObjectMeta();
        if (string.IsNullOrEmpty(copy.Metadata.Name) && !string.IsNullOrEmpty(copy.Metadata.GenerateName))
        {
            copy.Metadata.Name = copy.Metadata.GenerateName + RandomSuffix();
        }

        var key = ObjectKey.Of(kind, copy);
        copy.ApiVersion = kind.ApiVersion;
        copy.Kind = kind.Kind;
        copy.Metadata.Uid = Guid.NewGuid().ToString();
        // Kubernetes timestamps have whole seconds; truncating keeps stored and returned objects identical.
        var now = time.GetUtcNow().UtcDateTime;
        copy.Metadata.CreationTimestamp = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        copy.Metadata.Generation = 1;
        copy.Metadata.ResourceVersion = null;
        return (copy, key);
    }

    /// <summary>A deep copy of a caller's object, which the store may then change and keep.</summary>
    public static T Copy<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        ObjectCodec.Deserialize<T>(ObjectCodec.SerializeUtf8(obj));

    /// <summary>
    /// Makes <paramref name="copy"/> (the store's own, see <see cref="Copy{T}"/>) the replacement of the stored object
    /// and returns the UTF-8 JSON to store for it: uid and creationTimestamp kept from the stored object; generation bumped
    /// when the spec changed. Only the stored object's metadata is decoded: this runs for every update, on the
    /// store's single writer.
    /// </summary>
    public static (T Object, byte[] Json) PrepareUpdate<T>(StoreKind kind, T copy, ReadOnlyMemory<byte> storedJson)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var stored = JsonDocument.Parse(storedJson);
        // The four fields kept from the stored object, read from its tree rather than decoding its whole metadata
        // (labels, annotations, owners) for them, on the store's single writer.
        var meta = Field(stored.RootElement, "metadata");
        copy.ApiVersion = kind.ApiVersion;
        copy.Kind = kind.Kind;
        copy.Metadata.Uid = Field(meta, "uid") is { ValueKind: JsonValueKind.String } uid ? uid.GetString() : null;
        copy.Metadata.CreationTimestamp = Field(meta, "creationTimestamp") is { } created ? ObjectCodec.Deserialize<DateTime?>(created) : null;
        copy.Metadata.GenerateName ??= Field(meta, "generateName") is { ValueKind: JsonValueKind.String } name ? name.GetString() : null;
        var generation = Field(meta, "generation") is { } g && g.TryGetInt64(out var n) ? n : 1;
        // A writer that changes the spec may say so by sending the next generation (the scheduler's binding): the
        // object is then written once, not first with the old generation. Any other value is only a wrong guess.
        var specChangeExpected = copy.Metadata.Generation == generation + 1;
        copy.Metadata.ResourceVersion = null;
        copy.Metadata.Generation = specChangeExpected ? generation + 1 : generation;
        var json = ObjectCodec.SerializeUtf8(copy);
        bool specChanged;
        using (var updated = JsonDocument.Parse(json))
        {
            specChanged = ObjectCodec.SpecChanged(stored.RootElement, updated.RootElement);
        }

        if (specChanged == specChangeExpected)
        {
            return (copy, json);
        }

        copy.Metadata.Generation = specChanged ? generation + 1 : generation;
        return (copy, ObjectCodec.SerializeUtf8(copy));
    }

    /// <summary>A property of a JSON object; null when absent or when <paramref name="parent"/> is no object.</summary>
    private static JsonElement? Field(JsonElement? parent, string property) =>
        parent is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(property, out var value) ? value : null;

    /// <summary>The stored UTF-8 JSON of an object, without its resourceVersion (the backend knows it).</summary>
    public static byte[] ToStoredJson<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var version = obj.Metadata.ResourceVersion;
        obj.Metadata.ResourceVersion = null;
        try
        {
            return ObjectCodec.SerializeUtf8(obj);
        }
        finally
        {
            obj.Metadata.ResourceVersion = version;
        }
    }

    public static StoreConflictException AlreadyExists(ObjectKey key) =>
        new($"{key.Kind.Resource} \"{key.Name}\" already exists", alreadyExists: true);

    public static StoreConflictException Conflict(ObjectKey key) =>
        new($"Operation cannot be fulfilled on {key.Kind.Resource} \"{key.Name}\": the object has been modified; please apply your changes to the latest version and try again", alreadyExists: false);

    public static StoreNotFoundException NotFound(ObjectKey key) => new(key.Kind.Resource, key.Namespace, key.Name);

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = NameAlphabet[RandomNumberGenerator.GetInt32(NameAlphabet.Length)];
            }
        });
}
