using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Framework.Events;

/// <summary>How long Kubernetes Events are kept (section <c>Events</c>).</summary>
public sealed class EventRetentionOptions
{
    public const string Section = "Events";

    /// <summary>
    /// Events whose last occurrence is older than this are deleted, as the API server's <c>--event-ttl</c> (1 h) does.
    /// Without it every placement's <c>Scheduled</c> Event stays forever: a churn of 20 pods/s leaves 72,000 a hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often expired Events are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
