namespace KubeMesos.Framework.Events;

public sealed class ClusterFeedOptions
{
    public const string Section = "ClusterFeed";

    /// <summary>Changes queued per subscriber before it is resynchronised with a snapshot instead.</summary>
    public int SubscriberCapacity { get; set; } = 4096;
}
