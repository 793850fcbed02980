using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

public sealed class SqliteObjectStoreTests : PersistentObjectStoreContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubemesos-store-").FullName;

    protected override IObjectStore Open(int watchHistory, TimeProvider time) => new SqliteObjectStore(_folder, watchHistory, time);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Open_NewFolder_CreatesWalDatabase()
    {
        var folder = Path.Combine(_folder, "nested", "data");
        using var store = new SqliteObjectStore(folder);
        await store.CreateAsync(Pod("web-1"), TestToken);

        Assert.Equal(Path.Combine(folder, SqliteObjectStore.FileName), store.DatabasePath);
        Assert.True(File.Exists(store.DatabasePath));
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.DatabasePath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task FileWithJsonAsText_IsReadListedUpdatedAndReplayed()
    {
        // A file written before objects were kept as UTF-8 bytes holds each JSON as SQLite text.
        var store = OpenStore();
        var pod = await store.CreateAsync(Pod("web-1", labels: "app=web"), TestToken);
        Close(store);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, SqliteObjectStore.FileName)};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE objects SET json = CAST(json AS TEXT); UPDATE changes SET json = CAST(json AS TEXT); SELECT typeof(json) FROM objects;";
            Assert.Equal("text", command.ExecuteScalar());
        }

        store = OpenStore();
        var read = await store.GetAsync<V1Pod>("default", "web-1", TestToken);
        var listed = Assert.Single((await store.ListAsync<V1Pod>(new StoreListOptions(), TestToken)).Items);
        var replayed = (await TakeAsync(store.WatchAsync<V1Pod>(null, 0, TestToken), 1)).Single().Object;
        read!.Spec.Containers[0].Image = "nginx:2";
        var updated = await store.UpdateAsync(read, TestToken);

        Assert.Equal(pod.Metadata.Uid, listed.Metadata.Uid);
        Assert.Equal("web", replayed.Metadata.Labels["app"]);
        Assert.Equal(pod.Metadata.Uid, updated.Metadata.Uid);
        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal("nginx:2", (await store.GetAsync<V1Pod>("default", "web-1", TestToken))!.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Update_AfterAnotherProcessWroteTheFile_IsCheckedAgainstTheFile()
    {
        // Two stores on one file, as two processes: the first remembers what it wrote last, which the second then changes.
        var first = OpenStore();
        var created = await first.CreateAsync(Pod("web-1"), TestToken);
        created.Status = new V1PodStatus { Phase = "Pending" };
        var remembered = await first.UpdateAsync(created, TestToken);
        using var second = new SqliteObjectStore(_folder);
        var other = (await second.GetAsync<V1Pod>("default", "web-1", TestToken))!;
        other.Spec.Containers[0].Image = "nginx:2";
        var changed = await second.UpdateAsync(other, TestToken);

        remembered.Status = new V1PodStatus { Phase = "Running" };
        await Assert.ThrowsAsync<StoreConflictException>(() => first.UpdateAsync(remembered, TestToken));
        var fresh = (await first.GetAsync<V1Pod>("default", "web-1", TestToken))!;
        fresh.Status = new V1PodStatus { Phase = "Running" };
        var updated = await first.UpdateAsync(fresh, TestToken);

        Assert.Equal(2, changed.Metadata.Generation);
        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal(("Running", "nginx:2"), (updated.Status.Phase, updated.Spec.Containers[0].Image));
        Assert.Equal(Version(changed) + 1, Version(updated));
    }

    [Fact]
    public async Task Dispose_EndsRunningWatches()
    {
        var store = OpenStore();
        await using var watch = store.WatchAsync<V1Pod>(null, null, TestToken).GetAsyncEnumerator(TestToken);
        var next = watch.MoveNextAsync().AsTask();

        Close(store);

        Assert.False(await next.WaitAsync(Timeout, TestToken));
    }

    [Fact]
    public async Task WatchMetadata_SkipsSpecAndStatus()
    {
        var store = OpenStore();
        var start = await store.CurrentVersionAsync(TestToken);
        var pod = Pod("web-1", labels: "app=web");
        pod.Status = new V1PodStatus { Phase = "Pending" };
        await store.CreateAsync(pod, TestToken);

        var added = (await TakeAsync(store.WatchMetadataAsync<V1Pod>(null, start, TestToken), 1)).Single().Object;
        var whole = (await TakeAsync(store.WatchAsync<V1Pod>(null, start, TestToken), 1)).Single().Object;

        Assert.Equal("web", added.Metadata.Labels["app"]);
        Assert.Null(added.Spec);
        Assert.Null(added.Status);
        Assert.Equal("Pending", whole.Status.Phase);
    }

    [Fact]
    public async Task Watch_LeavesOutTheChangesTheWatcherSkips_AndDeliversTheRestInOrder()
    {
        var store = OpenStore();
        var start = await store.CurrentVersionAsync(TestToken);
        var web = await store.CreateAsync(Pod("web-1"), TestToken);
        web.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "front" };
        var relabelled = await store.UpdateAsync(web, TestToken);
        await store.CreateAsync(Pod("web-2"), TestToken);
        var skipped = long.Parse(relabelled.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);

        var seen = await TakeAsync(store.WatchAsync<V1Pod>(null, start, v => v == skipped, TestToken), 2);

        Assert.Equal([("web-1", StoreWatchEventType.Added), ("web-2", StoreWatchEventType.Added)],
            seen.Select(e => (e.Object.Metadata.Name, e.Type)));
        Assert.DoesNotContain(seen, e => e.ResourceVersion == skipped);
    }
}
