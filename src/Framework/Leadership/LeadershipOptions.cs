using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Framework.Leadership;

/// <summary>
/// Section <c>Ha</c>: how the replicas sharing one etcd (<c>Store:Etcd</c>) elect the one that schedules. Without etcd
/// there is one replica and it leads.
/// </summary>
public sealed class LeadershipOptions
{
    public const string Section = "Ha";

    /// <summary><c>Ha:ReplicaId</c>: this replica's name in the election and at <c>/apis/kubemesos.io/v1/leader</c>;
    /// default <c>&lt;hostname&gt;-&lt;pid&gt;</c>, unique per process on a machine.</summary>
    [Required]
    [MaxLength(253)]
    public string ReplicaId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// <c>Ha:LeaseTtl</c>: the leader's etcd lease; a leader that dies is replaced after at most this long. Whole seconds
    /// (etcd's unit); keep-alives go out every third of it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>Ha:ElectionName</c>: the etcd election (a key prefix); replicas of one cluster share it.</summary>
    [Required]
    [RegularExpression("^/.+", ErrorMessage = "Ha:ElectionName must be an etcd key starting with '/'")]
    public string ElectionName { get; set; } = "/kubemesos.io/leader";

    /// <summary>
    /// <c>Ha:SchedulingKey</c>: where the leader publishes its offers, agents, recent placements and scheduler status
    /// for the followers' live views (bound to its lease, so it vanishes with the leader).
    /// </summary>
    [Required]
    [RegularExpression("^/.+", ErrorMessage = "Ha:SchedulingKey must be an etcd key starting with '/'")]
    public string SchedulingKey { get; set; } = "/kubemesos.io/scheduling";

    /// <summary><c>Ha:PublishInterval</c>: how often at most the leader writes a changed scheduling picture.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
