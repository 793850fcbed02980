using Mesos.V1;

namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>
/// A set of free ports as sorted, disjoint, inclusive ranges (an agent offers e.g. [31000-32000]: a thousand ports
/// in one entry). Taking a port splits its range. Not thread-safe: owned by one placement pass.
/// </summary>
public sealed class PortRanges
{
    private readonly List<(ulong Begin, ulong End)> _ranges = [];

    public PortRanges()
    {
    }

    public PortRanges(IEnumerable<(ulong Begin, ulong End)> ranges)
    {
        foreach (var (begin, end) in ranges.Where(r => r.Begin <= r.End).OrderBy(r => r.Begin))
        {
            Add(begin, end);
        }
    }

    public static PortRanges FromOffer(Offer offer)
    {
        var ports = new PortRanges();
        ports.AddFrom(offer);
        return ports;
    }

    /// <summary>
    /// Adds the ports an offer holds (its <c>ports</c> resources). Indexed loops: it runs for every offer at least
    /// twice a pass, and a protobuf repeated field's enumerator is an iterator object.
    /// </summary>
    public void AddFrom(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var resources = offer.Resources;
        for (var i = 0; i < resources.Count; i++)
        {
            if (resources[i].Name != "ports" || resources[i].Ranges is not { } ranges)
            {
                continue;
            }

            for (var j = 0; j < ranges.Range.Count; j++)
            {
                var range = ranges.Range[j];
                if (range.Begin <= range.End)
                {
                    Add(range.Begin, range.End);
                }
            }
        }
    }

    public bool IsEmpty => _ranges.Count == 0;

    public IReadOnlyList<(ulong Begin, ulong End)> Ranges => _ranges;

    /// <summary>How many ports are free; the host-ports filter asks for every agent, so it loops rather than uses LINQ.</summary>
    public ulong Count
    {
        get
        {
            ulong count = 0;
            foreach (var (begin, end) in _ranges)
            {
                count += end - begin + 1;
            }

            return count;
        }
    }

    /// <summary>Adds a range, merging with neighbours it touches or overlaps.</summary>
    public void Add(ulong begin, ulong end)
    {
        var i = 0;
        while (i < _ranges.Count && _ranges[i].End + 1 < begin)
        {
            i++;
        }

        while (i < _ranges.Count && _ranges[i].Begin <= end + 1)
        {
            begin = Math.Min(begin, _ranges[i].Begin);
            end = Math.Max(end, _ranges[i].End);
            _ranges.RemoveAt(i);
        }

        _ranges.Insert(i, (begin, end));
    }

    public bool Contains(ulong port) => IndexOf(port) >= 0;

    /// <summary>Takes a specific port; false when it is not free.</summary>
    public bool TryTake(ulong port)
    {
        var i = IndexOf(port);
        if (i < 0)
        {
            return false;
        }

        var (begin, end) = _ranges[i];
        _ranges.RemoveAt(i);
        if (port < end)
        {
            _ranges.Insert(i, (port + 1, end));
        }

        if (begin < port)
        {
            _ranges.Insert(i, (begin, port - 1));
        }

        return true;
    }

    /// <summary>Takes the lowest free port; null when none is left.</summary>
    public ulong? TakeAny()
    {
        if (_ranges.Count == 0)
        {
            return null;
        }

        var port = _ranges[0].Begin;
        TryTake(port);
        return port;
    }

    public PortRanges Clone() => new(_ranges);

    private int IndexOf(ulong port)
    {
        int lo = 0, hi = _ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (port < _ranges[mid].Begin)
            {
                hi = mid - 1;
            }
            else if (port > _ranges[mid].End)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    public override string ToString() => $"[{string.Join(", ", _ranges.Select(r => r.Begin == r.End ? $"{r.Begin}" : $"{r.Begin}-{r.End}"))}]";
}
