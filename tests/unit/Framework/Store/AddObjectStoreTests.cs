using KubeMesos.Framework.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Framework.Store;

public sealed class AddObjectStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubemesos-options-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddObjectStore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public async Task AddObjectStore_NoEtcd_IsSqliteInStorePath()
    {
        var data = Path.Combine(_folder, "data");
        await using var services = Build(new() { ["Store:Path"] = data, ["Store:WatchHistory"] = "50" });

        var store = Assert.IsType<SqliteObjectStore>(Assert.IsType<MeteredObjectStore>(services.GetRequiredService<IObjectStore>()).Inner);

        Assert.Equal(Path.Combine(data, SqliteObjectStore.FileName), store.DatabasePath);
        Assert.Equal(50, services.GetRequiredService<IOptions<StoreOptions>>().Value.WatchHistory);
    }

    [Fact]
    public async Task AddObjectStore_EtcdSet_IsEtcd()
    {
        await using var services = Build(new() { ["Store:Etcd"] = "http://127.0.0.1:2379" });

        Assert.IsType<EtcdObjectStore>(Assert.IsType<MeteredObjectStore>(services.GetRequiredService<IObjectStore>()).Inner);
    }

    [Theory]
    [InlineData("Store:Etcd", "ftp://host:2379", "Store:Etcd must be etcd client URLs")]
    [InlineData("Store:Etcd", "host:2379", "Store:Etcd must be etcd client URLs")]
    [InlineData("Store:Path", " ", "Store:Path must name the data folder")]
    [InlineData("Store:WatchHistory", "0", "Store:WatchHistory must be at least 1")]
    public async Task AddObjectStore_BadSetting_FailsValidationWithMessage(string key, string value, string message)
    {
        await using var services = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IObjectStore>());

        Assert.Contains(message, error.Message);
    }
}
