using System.Security.Cryptography;
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
    public static (T Object, ObjectKey Key) PrepareCreate<T>(StoreKind kind, T obj, TimeProvider time)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        var copy = ObjectCodec.Deserialize<T>(ObjectCodec.Serialize(obj));
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

    /// <summary>
    /// A copy of <paramref name="obj"/> to replace <paramref name="stored"/>: uid and creationTimestamp kept from the
    /// stored object; generation bumped when the spec changed.
    /// </summary>
    public static T PrepareUpdate<T>(StoreKind kind, T obj, T stored, string storedJson)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var copy = ObjectCodec.Deserialize<T>(ObjectCodec.Serialize(obj));
        copy.ApiVersion = kind.ApiVersion;
        copy.Kind = kind.Kind;
        copy.Metadata.Uid = stored.Metadata.Uid;
        copy.Metadata.CreationTimestamp = stored.Metadata.CreationTimestamp;
        copy.Metadata.GenerateName ??= stored.Metadata.GenerateName;
        copy.Metadata.ResourceVersion = null;
        var generation = stored.Metadata.Generation ?? 1;
        copy.Metadata.Generation = generation;
        if (ObjectCodec.SpecChanged(storedJson, ObjectCodec.Serialize(copy)))
        {
            copy.Metadata.Generation = generation + 1;
        }

        return copy;
    }

    /// <summary>The stored JSON of an object, without its resourceVersion (the backend knows it).</summary>
    public static string ToStoredJson<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var version = obj.Metadata.ResourceVersion;
        obj.Metadata.ResourceVersion = null;
        try
        {
            return ObjectCodec.Serialize(obj);
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
