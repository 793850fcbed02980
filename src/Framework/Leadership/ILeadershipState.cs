namespace KubeMesos.Framework.Leadership;

/// <summary>
/// Whether this replica leads (runs the scheduler, the Mesos subscription and the controllers). Read by the
/// <c>kubemesos.leader</c> gauge at every scrape, so it must be cheap and thread-safe.
/// <see cref="LeadershipState"/> implements it, for the single replica and for leader election alike.
/// </summary>
public interface ILeadershipState
{
    bool IsLeader { get; }
}
