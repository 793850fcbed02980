namespace KubeMesos.Framework.Store;

/// <summary>Configuration section <c>Store</c>: where the cluster's objects live.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary>
    /// Store-wide versions, so a burst uses them fast: 10,000 pods created, bound and started, plus their Events, are
    /// ~40,000 versions in seconds. With 1,000 the informers' list-then-watch fell behind at the start of a burst and
    /// every watcher relisted all pods. 20,000 rides out seconds of a burst (a few tens of MB of change log).
    /// </summary>
    public const int DefaultWatchHistory = 20_000;

    /// <summary><c>Store:Path</c>: the data folder of the embedded SQLite store (file <c>cluster.db</c>).</summary>
    public string Path { get; set; } = "./data";

    /// <summary><c>Store:Etcd</c>: etcd v3 client URL(s), comma-separated (<c>http://host:2379</c>); when set, etcd is the store.</summary>
    public string? Etcd { get; set; }

    /// <summary><c>Store:WatchHistory</c>: how many changes a watch can resume across; older resume points answer 410 Gone.</summary>
    public int WatchHistory { get; set; } = DefaultWatchHistory;
}
