using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>One second of the cluster's recent past, as the Overview's charts draw it.</summary>
/// <param name="At">The start of the second.</param>
/// <param name="CpuPercent">Cpus our pods hold, as a percentage of every agent's cpus, at the end of the second.</param>
/// <param name="MemPercent">The same for memory.</param>
/// <param name="Placed">Pods placed during the second.</param>
/// <param name="Pending">Pods waiting for an offer at the end of the second.</param>
public readonly record struct ClusterSample(DateTimeOffset At, double CpuPercent, double MemPercent, int Placed, int Pending);

/// <summary>
/// The last minutes of the cluster, one <see cref="ClusterSample"/> per second in a bounded ring buffer. Fed only
/// from the feed: <see cref="Observe"/> after each batch of changes (with the placements it held) and
/// <see cref="Tick"/> from a timer, which only closes the seconds that passed without a change (they repeat the last
/// figures with no placements); nothing here reads the store.
/// </summary>
/// <remarks>Thread-safe: one writer (the recorder), any number of readers (pages).</remarks>
public sealed class ClusterHistory(int seconds = ClusterHistory.DefaultSeconds)
{
    /// <summary>Five minutes.</summary>
    public const int DefaultSeconds = 300;

    private readonly Lock _lock = new();
    private readonly RingBuffer<ClusterSample> _samples = new(seconds);
    private long _second = long.MinValue;
    private ClusterSnapshot? _unmeasured;

    /// <summary>How many seconds the history keeps.</summary>
    public int Capacity => _samples.Capacity;

    /// <summary>Counts every recorded change, so a reader can tell whether anything moved.</summary>
    public long Version { get; private set; }

    /// <summary>Records the picture after a batch and the <paramref name="placed"/> placements the batch held.</summary>
    /// <remarks>
    /// The figures are taken from the snapshot only when they are read or the second closes: a burst brings dozens of
    /// batches a second, and each measure walks every agent and counts every pending pod.
    /// </remarks>
    public void Observe(ClusterSnapshot snapshot, int placed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            // Only a second that closes needs its figures now (from the last snapshot it saw); the open one is
            // measured when read.
            if (now.ToUnixTimeSeconds() > _second)
            {
                MeasureLocked();
            }

            RollTo(now);
            var last = _samples.Last;
            _samples.ReplaceLast(last with { Placed = last.Placed + placed });
            _unmeasured = snapshot;
            Version++;
        }
    }

    /// <summary>Closes the seconds up to <paramref name="now"/> (a quiet cluster still draws a line that moves on).</summary>
    public void Tick(DateTimeOffset now)
    {
        lock (_lock)
        {
            MeasureLocked();
            if (_samples.Count > 0 && RollTo(now))
            {
                Version++;
            }
        }
    }

    /// <summary>The samples, oldest first; the newest is the second still being recorded.</summary>
    public IReadOnlyList<ClusterSample> Samples()
    {
        lock (_lock)
        {
            MeasureLocked();
            return _samples.ToArray();
        }
    }

    /// <summary>Used cpus and memory as percentages of all agents' capacity.</summary>
    public static (double CpuPercent, double MemPercent) Utilization(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        double cpus = 0, cpusUsed = 0, mem = 0, memUsed = 0;
        foreach (var agent in snapshot.Agents.Values)
        {
            cpus += agent.CpusCapacity;
            cpusUsed += agent.CpusUsed;
            mem += agent.MemCapacityMb;
            memUsed += agent.MemUsedMb;
        }

        return (Percent(cpusUsed, cpus), Percent(memUsed, mem));
    }

    /// <summary>Puts the newest observed snapshot's figures into the second being recorded.</summary>
    private void MeasureLocked()
    {
        if (_unmeasured is not { } snapshot)
        {
            return;
        }

        _unmeasured = null;
        var (cpu, mem) = Utilization(snapshot);
        _samples.ReplaceLast(_samples.Last with { CpuPercent = cpu, MemPercent = mem, Pending = PodIndex.Of(snapshot).QueuedCount });
    }

    private static double Percent(double used, double total) => total <= 0 ? 0 : Math.Clamp(used / total * 100, 0, 100);

    private bool RollTo(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        if (_samples.Count == 0)
        {
            _samples.Add(new ClusterSample(DateTimeOffset.FromUnixTimeSeconds(second), 0, 0, 0, 0));
            _second = second;
            return true;
        }

        if (second <= _second)
        {
            return false;
        }

        // A gap longer than the buffer only needs the buffer's worth of quiet seconds.
        var last = _samples.Last;
        var gap = Math.Min(second - _second, _samples.Capacity);
        for (var s = second - gap + 1; s <= second; s++)
        {
            _samples.Add(last with { At = DateTimeOffset.FromUnixTimeSeconds(s), Placed = 0 });
        }

        _second = second;
        return true;
    }
}
