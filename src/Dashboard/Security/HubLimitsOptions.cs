using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Dashboard.Security;

/// <summary>Bounds on one connection to the cluster hub (<c>ClusterHub:*</c>).</summary>
public sealed class HubLimitsOptions
{
    public const string Section = "ClusterHub";

    /// <summary>Streams one connection may have open at once; each holds a feed subscription.</summary>
    [Range(1, 1000)]
    public int MaxStreamsPerConnection { get; set; } = 8;

    /// <summary>The largest message a client may send (SignalR's default, stated).</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public long MaximumReceiveMessageSize { get; set; } = 32 * 1024;
}
