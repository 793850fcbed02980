using System.Globalization;
using Mesos.V1;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// Immutable unreserved resources of the simulated cluster: scalars kept in thousandths (Mesos' fixed point,
/// MESOS-V1-FACTS §7, so sums never drift) and ranges kept sorted and merged. Sets and reservations are not simulated.
/// </summary>
/// <remarks>
/// Built in sorted dictionaries, kept as sorted arrays: the master holds a bag per task, per executor and per agent
/// (23,600 with 10,000 pods), and a bag of a few names is a few hundred bytes smaller as arrays. Lookups scan, as a
/// bag has a handful of names.
/// </remarks>
internal sealed class ResourceBag
{
    public static readonly ResourceBag Empty = new(new SortedDictionary<string, long>(StringComparer.Ordinal), new SortedDictionary<string, List<(ulong Begin, ulong End)>>(StringComparer.Ordinal));

    private readonly KeyValuePair<string, long>[] _milli;
    private readonly KeyValuePair<string, (ulong Begin, ulong End)[]>[] _ranges;

    private ResourceBag(SortedDictionary<string, long> milli, SortedDictionary<string, List<(ulong Begin, ulong End)>> ranges)
    {
        _milli = [.. milli];
        _ranges = [.. ranges.Select(r => KeyValuePair.Create(r.Key, r.Value.ToArray()))];
    }

    private ResourceBag(KeyValuePair<string, long>[] milli, KeyValuePair<string, (ulong Begin, ulong End)[]>[] ranges)
    {
        _milli = milli;
        _ranges = ranges;
    }

    public bool IsEmpty => _milli.Length == 0 && _ranges.Length == 0;

    public double Scalar(string name) => MilliOf(name) / 1000.0;

    public IReadOnlyList<(ulong Begin, ulong End)> Ranges(string name) => RangesOf(name);

    public static ResourceBag Create(IEnumerable<KeyValuePair<string, double>> scalars, IEnumerable<KeyValuePair<string, (ulong Begin, ulong End)>> ranges)
    {
        var milli = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, value) in scalars)
        {
            AddScalar(milli, name, ToMilli(value));
        }

        var rangeMap = new SortedDictionary<string, List<(ulong Begin, ulong End)>>(StringComparer.Ordinal);
        foreach (var (name, range) in ranges)
        {
            rangeMap[name] = Merge(rangeMap.GetValueOrDefault(name, []).Append(range));
        }

        return new ResourceBag(milli, rangeMap);
    }

    /// <summary>Validates resources as the master does for an operation; <c>false</c> with a reason if invalid.</summary>
    public static bool TryParse(IEnumerable<Resource> resources, out ResourceBag bag, out string error)
    {
        var milli = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var ranges = new SortedDictionary<string, List<(ulong Begin, ulong End)>>(StringComparer.Ordinal);
        bag = Empty;
        error = "";
        foreach (var resource in resources)
        {
            if (string.IsNullOrEmpty(resource.Name))
            {
                error = "Resource has no name";
                return false;
            }

            // The bag outlives the message: its names are shared, not the message's copies.
            var name = StringPool.Master.Of(resource.Name);
            switch (resource.Type)
            {
                case Value.Types.Type.Scalar when resource.Scalar is { } scalar:
                    if (!double.IsFinite(scalar.Value) || scalar.Value < 0)
                    {
                        error = $"Invalid scalar resource {resource.Name}: {scalar.Value.ToString(CultureInfo.InvariantCulture)}";
                        return false;
                    }

                    AddScalar(milli, name, ToMilli(scalar.Value));
                    break;
                case Value.Types.Type.Ranges when resource.Ranges is { } rs:
                    var list = ranges.GetValueOrDefault(name, []);
                    foreach (var range in rs.Range)
                    {
                        if (range.Begin > range.End || list.Any(r => r.Begin <= range.End && range.Begin <= r.End))
                        {
                            error = $"Invalid or overlapping range [{range.Begin}-{range.End}] in resource {resource.Name}";
                            return false;
                        }

                        list.Add((range.Begin, range.End));
                    }

                    if (list.Count > 0)
                    {
                        ranges[name] = Merge(list);
                    }

                    break;
                default:
                    error = $"Resource {resource.Name} of type {resource.Type} is not supported by the embedded master or lacks its value";
                    return false;
            }
        }

        bag = new ResourceBag(milli, ranges);
        return true;
    }

    public ResourceBag Add(ResourceBag other)
    {
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        if (other._ranges.Length == 0)
        {
            // The allocator sums every task's bag on each allocation (DRF shares): scalars merge as sorted arrays, and
            // the ranges (immutable) are shared, instead of two sorted dictionaries built and dropped per addition.
            return new ResourceBag(AddSorted(_milli, other._milli), _ranges);
        }

        var (milli, ranges) = ToDictionaries();
        foreach (var (name, value) in other._milli)
        {
            AddScalar(milli, name, value);
        }

        foreach (var (name, list) in other._ranges)
        {
            ranges[name] = Merge(ranges.GetValueOrDefault(name, []).Concat(list));
        }

        return new ResourceBag(milli, ranges);
    }

    /// <summary>
    /// The sum of many bags, accumulated once: the allocator sums every live task, executor and agent at each
    /// allocation, and a chain of <see cref="Add"/>s would build and drop a bag per term.
    /// </summary>
    public static ResourceBag Sum(IEnumerable<ResourceBag> bags)
    {
        ResourceBag? only = null;
        SortedDictionary<string, long>? milli = null;
        SortedDictionary<string, List<(ulong Begin, ulong End)>>? ranges = null;
        foreach (var bag in bags)
        {
            if (bag.IsEmpty)
            {
                continue;
            }

            if (milli is null)
            {
                if (only is null)
                {
                    only = bag; // one term (a role with one framework): no new bag at all
                    continue;
                }

                milli = new(StringComparer.Ordinal);
                ranges = new(StringComparer.Ordinal);
                Accumulate(only, milli, ranges);
            }

            Accumulate(bag, milli, ranges!);
        }

        if (milli is null)
        {
            return only ?? Empty;
        }

        foreach (var name in ranges!.Keys.ToList())
        {
            ranges[name] = Merge(ranges[name]);
        }

        return new ResourceBag(milli, ranges);
    }

    private static void Accumulate(ResourceBag bag, SortedDictionary<string, long> milli, SortedDictionary<string, List<(ulong Begin, ulong End)>> ranges)
    {
        foreach (var (name, value) in bag._milli)
        {
            AddScalar(milli, name, value);
        }

        foreach (var (name, list) in bag._ranges)
        {
            if (!ranges.TryGetValue(name, out var all))
            {
                ranges[name] = all = [];
            }

            all.AddRange(list);
        }
    }

    /// <summary>This minus <paramref name="other"/>; what <paramref name="other"/> has beyond this is ignored.</summary>
    public ResourceBag Subtract(ResourceBag other)
    {
        if (other.IsEmpty)
        {
            return this;
        }

        var (milli, ranges) = ToDictionaries();
        foreach (var (name, value) in other._milli)
        {
            AddScalar(milli, name, -Math.Min(value, milli.GetValueOrDefault(name)));
        }

        foreach (var (name, removed) in other._ranges)
        {
            if (!ranges.TryGetValue(name, out var list))
            {
                continue;
            }

            var left = SubtractRanges(list, removed);
            if (left.Count == 0)
            {
                ranges.Remove(name);
            }
            else
            {
                ranges[name] = left;
            }
        }

        return new ResourceBag(milli, ranges);
    }

    public bool Contains(ResourceBag other)
    {
        foreach (var (name, value) in other._milli)
        {
            if (MilliOf(name) < value)
            {
                return false;
            }
        }

        foreach (var (name, list) in other._ranges)
        {
            var mine = RangesOf(name);
            if (!list.All(r => mine.Any(m => m.Begin <= r.Begin && r.End <= m.End)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The resources in the pre-refinement format (<c>role: "*"</c>), with allocation_info when a role is given.</summary>
    public IEnumerable<Resource> ToProto(string? allocationRole)
    {
        foreach (var (name, value) in _milli)
        {
            yield return WithRole(new Resource { Name = name, Type = Value.Types.Type.Scalar, Scalar = new() { Value = value / 1000.0 } }, allocationRole);
        }

        foreach (var (name, list) in _ranges)
        {
            var ranges = new Value.Types.Ranges();
            ranges.Range.Add(list.Select(r => new Value.Types.Range { Begin = r.Begin, End = r.End }));
            yield return WithRole(new Resource { Name = name, Type = Value.Types.Type.Ranges, Ranges = ranges }, allocationRole);
        }
    }

    public override string ToString() => string.Join("; ",
        _milli.Select(kv => $"{kv.Key}:{(kv.Value / 1000.0).ToString(CultureInfo.InvariantCulture)}")
            .Concat(_ranges.Select(kv => $"{kv.Key}:[{string.Join(",", kv.Value.Select(r => $"{r.Begin}-{r.End}"))}]")));

    private static Resource WithRole(Resource resource, string? allocationRole)
    {
#pragma warning disable CS0612 // Resource.role: deprecated, but what a framework without RESERVATION_REFINEMENT expects
        resource.Role = "*";
#pragma warning restore CS0612
        if (allocationRole is not null)
        {
            resource.AllocationInfo = new() { Role = allocationRole };
        }

        return resource;
    }

    private long MilliOf(string name)
    {
        foreach (var (key, value) in _milli)
        {
            if (key == name)
            {
                return value;
            }
        }

        return 0;
    }

    private (ulong Begin, ulong End)[] RangesOf(string name)
    {
        foreach (var (key, list) in _ranges)
        {
            if (key == name)
            {
                return list;
            }
        }

        return [];
    }

    private (SortedDictionary<string, long> Milli, SortedDictionary<string, List<(ulong Begin, ulong End)>> Ranges) ToDictionaries()
    {
        var milli = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, value) in _milli)
        {
            milli.Add(name, value);
        }

        var ranges = new SortedDictionary<string, List<(ulong Begin, ulong End)>>(StringComparer.Ordinal);
        foreach (var (name, list) in _ranges)
        {
            ranges.Add(name, [.. list]);
        }

        return (milli, ranges);
    }

    /// <summary>Two name-sorted scalar lists, summed name by name (both positive, so no name drops out).</summary>
    private static KeyValuePair<string, long>[] AddSorted(KeyValuePair<string, long>[] left, KeyValuePair<string, long>[] right)
    {
        var result = new List<KeyValuePair<string, long>>(left.Length + right.Length);
        int i = 0, j = 0;
        while (i < left.Length || j < right.Length)
        {
            var order = i == left.Length ? 1 : j == right.Length ? -1 : string.CompareOrdinal(left[i].Key, right[j].Key);
            if (order < 0)
            {
                result.Add(left[i++]);
            }
            else if (order > 0)
            {
                result.Add(right[j++]);
            }
            else
            {
                result.Add(KeyValuePair.Create(left[i].Key, left[i++].Value + right[j++].Value));
            }
        }

        return [.. result];
    }

    private static long ToMilli(double value) => (long)Math.Round(value * 1000, MidpointRounding.AwayFromZero);

    private static void AddScalar(SortedDictionary<string, long> milli, string name, long delta)
    {
        var value = milli.GetValueOrDefault(name) + delta;
        if (value > 0)
        {
            milli[name] = value;
        }
        else
        {
            milli.Remove(name);
        }
    }

    private static List<(ulong Begin, ulong End)> Merge(IEnumerable<(ulong Begin, ulong End)> ranges)
    {
        var merged = new List<(ulong Begin, ulong End)>();
        foreach (var range in ranges.OrderBy(r => r.Begin))
        {
            if (merged.Count > 0 && range.Begin <= merged[^1].End + 1)
            {
                merged[^1] = (merged[^1].Begin, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static List<(ulong Begin, ulong End)> SubtractRanges(List<(ulong Begin, ulong End)> from, (ulong Begin, ulong End)[] removed)
    {
        var result = new List<(ulong Begin, ulong End)>(from);
        foreach (var cut in removed)
        {
            var next = new List<(ulong Begin, ulong End)>(result.Count + 1);
            foreach (var r in result)
            {
                if (cut.End < r.Begin || cut.Begin > r.End)
                {
                    next.Add(r);
                    continue;
                }

                if (cut.Begin > r.Begin)
                {
                    next.Add((r.Begin, cut.Begin - 1));
                }

                if (cut.End < r.End)
                {
                    next.Add((cut.End + 1, r.End));
                }
            }

            result = next;
        }

        return result;
    }
}
