using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Diagnostics;

namespace KubeMesos.Framework.Pods;

/// <summary>
/// One read-only instance of each distinct label set the pod views carry: the pods of a replication controller all
/// have its template's labels, and every view of every pod kept a copy of its own (~220 bytes for three labels, 11 MB
/// at 50,000 pods). Bounded: once full, a set not pooled yet is copied as before (pods labelled uniquely fill it and no
/// more). A set found in the pool is not copied.
/// </summary>
public sealed class LabelSetPool(int maxSets)
{
    private static readonly ReadOnlyDictionary<string, string> Empty = new(new Dictionary<string, string>());
    private readonly ConcurrentDictionary<ReadOnlyDictionary<string, string>, byte> _sets = new(LabelSetComparer.Instance);
    private int _count;

    /// <summary>The pool of the pod views, shared by the process.</summary>
    public static LabelSetPool Views { get; } = new(4096);

    public int Count => Volatile.Read(ref _count);

    /// <summary>A read-only set equal to <paramref name="labels"/>: the pooled one, or a copy when new and the pool is full.</summary>
    public IReadOnlyDictionary<string, string> Of(IDictionary<string, string>? labels)
    {
        if (labels is not { Count: > 0 })
        {
            return Empty;
        }

        var lookup = _sets.GetAlternateLookup<IDictionary<string, string>>();
        if (lookup.TryGetValue(labels, out var pooled, out _))
        {
            return pooled;
        }

        // A counter of our own: ConcurrentDictionary.Count takes every lock.
        if (Count >= maxSets)
        {
            return Copy(labels);
        }

        if (lookup.TryAdd(labels, 0))
        {
            Interlocked.Increment(ref _count);
        }

        // Ours or an equal one another thread added first: sets are never removed, so it is there.
        return lookup.TryGetValue(labels, out pooled, out _) ? pooled : throw new UnreachableException();
    }

    private static ReadOnlyDictionary<string, string> Copy(IDictionary<string, string> labels) =>
        new(new Dictionary<string, string>(labels, StringComparer.Ordinal));

    /// <summary>Equal sets are the same pairs in any order (ordinal); a pooled set is compared with a pod's map in place.</summary>
    private sealed class LabelSetComparer : IEqualityComparer<ReadOnlyDictionary<string, string>>,
        IAlternateEqualityComparer<IDictionary<string, string>, ReadOnlyDictionary<string, string>>
    {
        public static LabelSetComparer Instance { get; } = new();

        public bool Equals(ReadOnlyDictionary<string, string>? x, ReadOnlyDictionary<string, string>? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Count == y.Count && Contains(y, x));

        public int GetHashCode(ReadOnlyDictionary<string, string> obj) => HashOf(obj);

        public bool Equals(IDictionary<string, string> alternate, ReadOnlyDictionary<string, string> other) =>
            alternate.Count == other.Count && Contains(other, alternate);

        public int GetHashCode(IDictionary<string, string> alternate) => HashOf(alternate);

        public ReadOnlyDictionary<string, string> Create(IDictionary<string, string> alternate) => Copy(alternate);

        private static bool Contains(IReadOnlyDictionary<string, string> set, IEnumerable<KeyValuePair<string, string>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                if (!set.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        // Order-independent: a pod's labels come in the order its JSON had them.
        private static int HashOf(IEnumerable<KeyValuePair<string, string>> pairs)
        {
            var hash = 0;
            foreach (var (key, value) in pairs)
            {
                hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value ?? ""));
            }

            return hash;
        }
    }
}
