using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Framework.Nodes;

/// <summary>How the Mesos agents are mirrored as nodes (section <c>Nodes</c>).</summary>
public sealed class NodeSyncOptions
{
    public const string Section = "Nodes";

    /// <summary>How often the master's agents are read (GET_AGENTS) besides when the framework hears of an agent change.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a node stays NotReady after its agent left the master (removed, or unreachable and not back) before the
    /// node is deleted: the agent is then taken as gone for good, as Mesos forgets removed agents. 0 deletes at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan DeleteNotReadyAfter { get; set; } = TimeSpan.FromMinutes(15);
}
