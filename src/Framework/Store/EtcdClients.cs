using dotnet_etcd;
using Grpc.Core;

namespace KubeMesos.Framework.Store;

/// <summary>Opens an etcd v3 client on <c>Store:Etcd</c>'s URLs: plain gRPC when every URL is <c>http://</c>, TLS otherwise.</summary>
public static class EtcdClients
{
    /// <param name="endpoints">etcd client URLs, comma-separated (<c>http://127.0.0.1:2379</c>).</param>
    public static EtcdClient Create(string endpoints)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoints);
        var plainHttp = endpoints.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .All(e => e.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        return plainHttp
            ? new EtcdClient(endpoints, configureChannelOptions: options => options.Credentials = ChannelCredentials.Insecure)
            : new EtcdClient(endpoints);
    }
}
