using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KubeMesos.Framework.Memory;

/// <summary>
/// A fixed-size table of recently decoded short strings, so that the tens of thousands of copies of one namespace,
/// label, annotation key, image or condition type that decoding creates (every pod in every cache decodes its own)
/// share one instance. Direct-mapped, as Roslyn's and System.Xml's name tables: each string has one slot by its hash,
/// and a string not in its slot replaces the one there. The table never grows; a value that recurs keeps its slot
/// between the unique ones (names, uids) passing through it, and a race between threads costs at most a duplicate.
/// </summary>
public sealed class StringTable
{
    /// <summary>Longer strings are almost never repeated (JSON texts, messages) and are not looked up.</summary>
    public const int MaxLength = 64;

    private readonly string?[] _slots;

    /// <param name="slots">The number of slots, a power of two.</param>
    public StringTable(int slots = 8192)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "a power of two");
        }

        _slots = new string?[slots];
    }

    /// <summary>The one table the store's decoding and the Mesos messages we keep share.</summary>
    public static StringTable Shared { get; } = new();

    /// <summary>The table's instance equal to <paramref name="text"/>, or <paramref name="text"/> itself, which it then keeps.</summary>
    public string Get(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength || text.Length == 0)
        {
            return text;
        }

        ref var slot = ref Slot(text);
        var cached = Volatile.Read(ref slot);
        if (cached is not null && string.Equals(cached, text, StringComparison.Ordinal))
        {
            return cached;
        }

        Volatile.Write(ref slot, text);
        return text;
    }

    /// <summary>A string equal to <paramref name="chars"/>: the table's instance when it has one.</summary>
    public string Get(ReadOnlySpan<char> chars)
    {
        if (chars.Length > MaxLength)
        {
            return new string(chars);
        }

        if (chars.IsEmpty)
        {
            return string.Empty;
        }

        ref var slot = ref Slot(chars);
        var cached = Volatile.Read(ref slot);
        if (cached is not null && chars.SequenceEqual(cached))
        {
            return cached;
        }

        var created = new string(chars);
        Volatile.Write(ref slot, created);
        return created;
    }

    private ref string? Slot(ReadOnlySpan<char> chars) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), string.GetHashCode(chars) & (_slots.Length - 1));
}
