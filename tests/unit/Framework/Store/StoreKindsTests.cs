using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

public sealed class StoreKindsTests
{
    [Fact]
    public void For_KnownTypes_MapToResources()
    {
        Assert.Equal("pods", StoreKinds.For<V1Pod>().Resource);
        Assert.Equal("events", StoreKinds.For<Corev1Event>().Resource);
        Assert.False(StoreKinds.For<V1Namespace>().Namespaced);
        Assert.True(StoreKinds.TryGetByResource("replicationcontrollers", out var rc));
        Assert.Equal("ReplicationController", rc.Kind);
        Assert.True(StoreKinds.TryGetByKind("Endpoints", out var endpoints));
        Assert.Equal(typeof(V1Endpoints), endpoints.ClrType);
        Assert.Equal("nodes", StoreKinds.For<V1Node>().Resource);
        Assert.False(StoreKinds.For<V1Node>().Namespaced);
        Assert.Throws<NotSupportedException>(() => StoreKinds.For<V1ConfigMap>());
    }
}
