using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Leadership;

/// <summary>
/// Who leads, for the API, the readiness check and the dashboard. Written by the election (or, with one replica, set
/// once at start); read from any thread. <see cref="Changed"/> is raised after each change, on the writer's thread.
/// </summary>
public sealed class LeadershipState(IOptions<LeadershipOptions> options) : ILeadershipState
{
    private LeaderView _current = new(null, options.Value.ReplicaId, null);

    public LeaderView Current => Volatile.Read(ref _current);

    public bool IsLeader => Current.IsLeader;

    /// <summary>True when replicas elect a leader through etcd; false for the single replica of the embedded store.</summary>
    public bool Elected { get; internal set; }

    /// <summary>The etcd lease of this replica's term while it leads (0 otherwise): what the leader binds its keys to.</summary>
    public long LeaseId { get; internal set; }

    public event Action<LeaderView>? Changed;

    internal void Set(string? leader, DateTimeOffset? since)
    {
        var next = new LeaderView(leader, _current.Self, leader is null ? null : since);
        if (Interlocked.Exchange(ref _current, next) != next)
        {
            Changed?.Invoke(next);
        }
    }
}
