using KubeMesos.Dashboard.Api;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Support;

/// <summary>The dashboard's real <see cref="ClusterWriter"/> over a test's store, with the <c>default</c> namespace in it.</summary>
public static class TestClusterWriter
{
    public static ClusterWriter For(IObjectStore store)
    {
        // The store completes synchronously in memory; the namespace must exist before the first create.
        NamespaceResource.EnsureDefaultAsync(store, CancellationToken.None).GetAwaiter().GetResult();
        var services = new ServiceCollection().AddSingleton(store).BuildServiceProvider();
        return new ClusterWriter(new ApiContext(services, Options.Create(new ClusterApiOptions()), TimeProvider.System));
    }
}
