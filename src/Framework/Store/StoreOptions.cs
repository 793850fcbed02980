namespace KubeMesos.Framework.Store;

/// <summary>Configuration section <c>Store</c>: where the cluster's objects live.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    public const int DefaultWatchHistory = 1000;

    /// <summary><c>Store:Path</c>: the data folder of the embedded SQLite store (file <c>cluster.db</c>).</summary>
    public string Path { get; set; } = "./data";

    /// <summary><c>Store:Etcd</c>: etcd v3 client URL(s), comma-separated (<c>http://host:2379</c>); when set, etcd is the store.</summary>
    public string? Etcd { get; set; }

    /// <summary><c>Store:WatchHistory</c>: how many changes a watch can resume across; older resume points answer 410 Gone.</summary>
    public int WatchHistory { get; set; } = DefaultWatchHistory;
}
