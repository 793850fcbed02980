using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Framework.Nodes;

/// <summary>How the Mesos agents are mirrored as nodes (section <c>Nodes</c>).</summary>
public sealed class NodeSyncOptions
{
    public const string Section = "Nodes";

    /// <summary>How often the master's agents are read (GET_AGENTS) besides when the framework hears of an agent change.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(5);
}
