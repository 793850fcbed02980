using dotnet_etcd;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Leadership;

/// <summary>
/// The election's own etcd client (a channel apart from the store's, so a burst of store traffic never delays a
/// keep-alive), shared by the election and the scheduling-view mirror; the container disposes it.
/// </summary>
public sealed class LeadershipEtcd(IOptions<StoreOptions> store) : IDisposable
{
    public EtcdClient Client { get; } = EtcdClients.Create(store.Value.Etcd ?? throw new InvalidOperationException("Store:Etcd is not set"));

    public void Dispose() => Client.Dispose();
}
