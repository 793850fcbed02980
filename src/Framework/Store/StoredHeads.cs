using System.Text.Json;

namespace KubeMesos.Framework.Store;

/// <summary>
/// What an update takes from the stored object (<see cref="ObjectWrites.PrepareUpdate{T}(StoreKind, T, StoredHead, Func{ReadOnlyMemory{byte}})"/>):
/// the fields the store keeps, the generation, and the digest of what decides a spec change.
/// </summary>
internal sealed record StoredHead(string? Uid, DateTime? CreationTimestamp, string? GenerateName, long Generation, UInt128 SpecDigest)
{
    /// <summary>The head of a stored object's UTF-8 JSON; only its metadata is decoded.</summary>
    public static StoredHead Of(ReadOnlyMemory<byte> storedJson)
    {
        using var stored = JsonDocument.Parse(storedJson);
        var meta = Field(stored.RootElement, "metadata");
        return new StoredHead(
            Field(meta, "uid") is { ValueKind: JsonValueKind.String } uid ? uid.GetString() : null,
            Field(meta, "creationTimestamp") is { } created ? ObjectCodec.Deserialize<DateTime?>(created) : null,
            Field(meta, "generateName") is { ValueKind: JsonValueKind.String } name ? name.GetString() : null,
            Field(meta, "generation") is { } g && g.TryGetInt64(out var n) ? n : 1,
            ObjectCodec.SpecDigest(storedJson.Span));
    }

    /// <summary>A property of a JSON object; null when absent or when <paramref name="parent"/> is no object.</summary>
    private static JsonElement? Field(JsonElement? parent, string property) =>
        parent is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(property, out var value) ? value : null;
}

/// <summary>
/// The heads of the objects the single writer updated, with the versions it stored them at, so that the next update
/// of one reads neither its row nor its JSON (a pod's status changes come one after another). Only the writer uses
/// it, inside its transactions; a commit by another process or a failed transaction empties it, so what it holds is
/// always what the file holds.
/// </summary>
internal sealed class StoredHeads(int capacity = StoredHeads.DefaultCapacity)
{
    // ~150 bytes an object: 50,000 pods keep ~7 MB.
    public const int DefaultCapacity = 100_000;

    private readonly Dictionary<ObjectKey, (long Version, StoredHead Head)> _heads = [];
    private long _version = -1;

    /// <summary>Starts a transaction that found the store at <paramref name="version"/>: what another writer changed since is forgotten.</summary>
    public void Begin(long version)
    {
        if (version != _version)
        {
            _heads.Clear();
        }
    }

    /// <summary>The transaction committed: the store is at <paramref name="version"/>.</summary>
    public void Committed(long version) => _version = version;

    /// <summary>The transaction failed: its writes did not land.</summary>
    public void Failed()
    {
        _heads.Clear();
        _version = -1;
    }

    public bool TryGet(ObjectKey key, out long version, out StoredHead head)
    {
        if (_heads.TryGetValue(key, out var entry))
        {
            (version, head) = entry;
            return true;
        }

        (version, head) = (0, null!);
        return false;
    }

    /// <summary>A write of this transaction: <paramref name="head"/> is the object's new head, null when it is gone or unknown.</summary>
    public void Wrote(ObjectKey key, long version, StoredHead? head)
    {
        if (head is null)
        {
            _heads.Remove(key);
        }
        else if (_heads.Count < capacity || _heads.ContainsKey(key))
        {
            _heads[key] = (version, head);
        }
    }
}
