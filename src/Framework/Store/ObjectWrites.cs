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
    /// when the spec changed.
    /// </summary>
    public static (T Object, byte[] Json) PrepareUpdate<T>(StoreKind kind, T copy, ReadOnlyMemory<byte> storedJson)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var (updated, json, _) = PrepareUpdate(kind, copy, StoredHead.Of(storedJson), () => storedJson);
        return (updated, json);
    }

    /// <summary>
    /// The same from the stored object's <paramref name="stored"/> head, with the updated object's head. This runs for
    /// every update, on the store's single writer: the stored JSON is asked for only when the spec's text changed, to
    /// tell a real change from the same spec in another order.
    /// </summary>
    public static (T Object, byte[] Json, StoredHead Head) PrepareUpdate<T>(StoreKind kind, T copy, StoredHead stored, Func<ReadOnlyMemory<byte>> storedJson)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        copy.ApiVersion = kind.ApiVersion;
        copy.Kind = kind.Kind;
        copy.Metadata.Uid = stored.Uid;
        copy.Metadata.CreationTimestamp = stored.CreationTimestamp;
        copy.Metadata.GenerateName ??= stored.GenerateName;
        var generation = stored.Generation;
        // A writer that changes the spec may say so by sending the next generation (the scheduler's binding): the
        // object is then written once, not first with the old generation. Any other value is only a wrong guess.
        var specChangeExpected = copy.Metadata.Generation == generation + 1;
        copy.Metadata.ResourceVersion = null;
        copy.Metadata.Generation = specChangeExpected ? generation + 1 : generation;
        var json = ObjectCodec.SerializeUtf8(copy);
        var digest = ObjectCodec.SpecDigest(json);
        var specChanged = digest != stored.SpecDigest && SpecChanged(storedJson(), json);
        if (specChanged != specChangeExpected)
        {
            // The generation is metadata: the digest stays.
            copy.Metadata.Generation = specChanged ? generation + 1 : generation;
            json = ObjectCodec.SerializeUtf8(copy);
        }

        return (copy, json, new StoredHead(copy.Metadata.Uid, copy.Metadata.CreationTimestamp, copy.Metadata.GenerateName, copy.Metadata.Generation.Value, digest));
    }

    private static bool SpecChanged(ReadOnlyMemory<byte> storedJson, byte[] json)
    {
        using var stored = JsonDocument.Parse(storedJson);
        using var updated = JsonDocument.Parse(json);
        return ObjectCodec.SpecChanged(stored.RootElement, updated.RootElement);
    }

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
