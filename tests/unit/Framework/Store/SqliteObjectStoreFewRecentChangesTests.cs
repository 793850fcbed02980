using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

/// <summary>
/// The store's whole contract with only three changes kept in memory for watchers: most watches then cross from the
/// change log to memory and back, and must still see every change once, in order.
/// </summary>
public sealed class SqliteObjectStoreFewRecentChangesTests : PersistentObjectStoreContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubemesos-store-").FullName;

    protected override IObjectStore Open(int watchHistory, TimeProvider time) => new SqliteObjectStore(_folder, watchHistory, time, recentChanges: 3);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
