using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

public sealed class InMemoryObjectStoreTests : ObjectStoreContractTests
{
    protected override IObjectStore Open(int watchHistory, TimeProvider time) => new InMemoryObjectStore(watchHistory, time);
}
