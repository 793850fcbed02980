using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Dashboard.Api;

/// <summary>Settings of the Kubernetes-compatible API, bound from the <c>ClusterApi</c> section and validated at start.</summary>
public sealed class ClusterApiOptions
{
    public const string Section = "ClusterApi";

    /// <summary>The largest request body taken (413 above it); 3 MiB like the Kubernetes API server.</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 3 * 1024 * 1024;

    /// <summary>The grace period a pod gets when neither the delete nor the pod names one.</summary>
    [Range(0, 86400)]
    public int DefaultGracePeriodSeconds { get; set; } = 30;

    /// <summary>What <c>/version</c> reports; kubectl compares its minor version with its own.</summary>
    [Required]
    public string GitVersion { get; set; } = "v1.32.0-kubemesos";

    /// <summary>How often an idle watch that asked for bookmarks (<c>allowWatchBookmarks=true</c>) gets one; zero disables.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(30);
}
