using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Framework.Controllers;

/// <summary>Settings of the controllers (section <c>Controllers</c>).</summary>
public sealed class ControllerOptions
{
    public const string Section = "Controllers";

    /// <summary>At most this many pods created or deleted per reconcile of one controller (Kubernetes' burstReplicas).</summary>
    [Range(1, 10_000)]
    public int BurstReplicas { get; set; } = 500;

    /// <summary>How long a key whose reconcile failed waits before it is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
