using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

/// <summary>The contract against a real etcd; each test works under a key prefix of its own on the class's etcd.</summary>
public sealed class EtcdObjectStoreTests(EtcdFixture etcd) : PersistentObjectStoreContractTests, IClassFixture<EtcdFixture>
{
    private readonly string _keyPrefix = $"/test-{Guid.NewGuid():N}/registry";

    protected override IObjectStore Open(int watchHistory, TimeProvider time) => new EtcdObjectStore(etcd.ClientUrl, watchHistory, time, _keyPrefix);
}
