using System.Collections.Immutable;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>One recorded moment: a batch of the feed that changed an agent's utilization or placed pods.</summary>
public sealed record TimelineMoment(DateTimeOffset At, int Changed, IReadOnlyList<PlacementView> Placements);

/// <summary>
/// The last minutes of every agent's utilization and of what went where, for the Agents page's scrubbable heat map.
/// Fed only from the feed (by <see cref="ClusterHistoryRecorder"/>): the agents as a batch left them, when one
/// differs from what was recorded last (an offer that changes nothing is not kept), and the batch's placements.
/// Bounded twice: at most <see cref="Capacity"/> agent records and placements, none older than <see cref="Horizon"/>;
/// what falls out is folded into a baseline (each agent as it was at the oldest moment kept), so replaying stays right.
/// </summary>
/// <remarks>Thread-safe: one writer (the recorder), any number of readers (pages).</remarks>
public sealed class AgentTimeline(int capacity = AgentTimeline.DefaultCapacity, TimeSpan? horizon = null)
{
    /// <summary>Records kept (agent changes and placements together): a few MB at most, AgentViews being shared with the feed.</summary>
    public const int DefaultCapacity = 20_000;

    private readonly Lock _lock = new();
    private readonly Queue<Entry> _entries = new();
    private readonly Dictionary<string, AgentView> _latest = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, AgentView> _baseline = ImmutableDictionary<string, AgentView>.Empty.WithComparers(StringComparer.Ordinal);
    private DateTimeOffset? _since;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public TimeSpan Horizon { get; } = horizon ?? TimeSpan.FromMinutes(10);

    /// <summary>Counts every recorded change, so a reader can tell whether anything moved.</summary>
    public long Version { get; private set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The picture the timeline starts from (the recorder's first snapshot).</summary>
    public void Start(ClusterSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            _entries.Clear();
            _latest.Clear();
            foreach (var (id, agent) in snapshot.Agents)
            {
                _latest[id] = agent;
            }

            _baseline = snapshot.Agents.WithComparers(StringComparer.Ordinal);
            _since = now;
            Version++;
        }
    }

    /// <summary>Records what a batch changed: agents as <paramref name="after"/> has them, and the batch's placements.</summary>
    public void Observe(IReadOnlyList<ClusterChange> batch, ClusterSnapshot after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(after);
        lock (_lock)
        {
            _since ??= now;
            var recorded = false;
            var touched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var change in batch)
            {
                switch (change)
                {
                    case AgentUpdated c:
                        touched.Add(c.Agent.AgentId);
                        break;
                    case AgentRemoved c:
                        touched.Add(c.AgentId);
                        break;
                    case Resynced c:
                        touched.UnionWith(c.Snapshot.Agents.Keys);
                        touched.UnionWith(_latest.Keys);
                        break;
                    case PodPlaced c:
                        _entries.Enqueue(new Entry(now, null, null, c.Placement));
                        recorded = true;
                        break;
                }
            }

            foreach (var id in touched)
            {
                var agent = after.Agents.GetValueOrDefault(id);
                var known = _latest.GetValueOrDefault(id);
                if (agent is null && known is not null)
                {
                    _latest.Remove(id);
                    _entries.Enqueue(new Entry(now, null, id, null));
                    recorded = true;
                }
                else if (agent is not null && (known is null || !SameUse(known, agent)))
                {
                    _latest[id] = agent;
                    _entries.Enqueue(new Entry(now, agent, null, null));
                    recorded = true;
                }
            }

            if (recorded)
            {
                Trim(now);
                Version++;
            }
        }
    }

    /// <summary>Since when the timeline can replay (the oldest moment it still knows the whole picture of).</summary>
    public DateTimeOffset? Since
    {
        get
        {
            lock (_lock)
            {
                return _since;
            }
        }
    }

    /// <summary>The recorded moments, oldest first, each with its placements.</summary>
    public IReadOnlyList<TimelineMoment> Moments()
    {
        lock (_lock)
        {
            var moments = new List<TimelineMoment>();
            DateTimeOffset? at = null;
            var changed = 0;
            var placements = new List<PlacementView>();
            foreach (var entry in _entries)
            {
                if (entry.At != at)
                {
                    if (at is { } previous)
                    {
                        moments.Add(new TimelineMoment(previous, changed, placements));
                    }

                    at = entry.At;
                    changed = 0;
                    placements = [];
                }

                if (entry.Placement is { } placement)
                {
                    placements.Add(placement);
                }
                else
                {
                    changed++;
                }
            }

            if (at is { } last)
            {
                moments.Add(new TimelineMoment(last, changed, placements));
            }

            return moments;
        }
    }

    /// <summary>Every agent as it was at <paramref name="at"/> (agents added later are absent, removed ones present).</summary>
    public ImmutableDictionary<string, AgentView> AgentsAt(DateTimeOffset at)
    {
        lock (_lock)
        {
            var agents = _baseline.ToBuilder();
            foreach (var entry in _entries)
            {
                if (entry.At > at)
                {
                    break;
                }

                Apply(agents, entry);
            }

            return agents.ToImmutable();
        }
    }

    private void Trim(DateTimeOffset now)
    {
        ImmutableDictionary<string, AgentView>.Builder? baseline = null;
        while (_entries.Count > 0 && (_entries.Count > Capacity || now - _entries.Peek().At > Horizon))
        {
            baseline ??= _baseline.ToBuilder();
            var oldest = _entries.Dequeue();
            Apply(baseline, oldest);
            _since = oldest.At;
        }

        if (baseline is not null)
        {
            _baseline = baseline.ToImmutable();
        }
    }

    private static void Apply(ImmutableDictionary<string, AgentView>.Builder agents, Entry entry)
    {
        if (entry.Agent is { } agent)
        {
            agents[agent.AgentId] = agent;
        }
        else if (entry.RemovedAgentId is { } removed)
        {
            agents.Remove(removed);
        }
    }

    private static bool SameUse(AgentView a, AgentView b) =>
        a.CpusUsed == b.CpusUsed && a.MemUsedMb == b.MemUsedMb && a.DiskUsedMb == b.DiskUsedMb && a.PortsUsed == b.PortsUsed
        && a.PodCount == b.PodCount && a.CpusCapacity == b.CpusCapacity && a.MemCapacityMb == b.MemCapacityMb
        && a.DiskCapacityMb == b.DiskCapacityMb && a.PortsCapacity == b.PortsCapacity && a.Hostname == b.Hostname;

    /// <summary>An agent as a batch left it, an agent that went, or a placement.</summary>
    private sealed record Entry(DateTimeOffset At, AgentView? Agent, string? RemovedAgentId, PlacementView? Placement);
}
