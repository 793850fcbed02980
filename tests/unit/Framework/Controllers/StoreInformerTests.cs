using System.Threading.Channels;
using k8s.Models;
using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeMesos.Tests.Unit.Framework.Controllers;

public sealed class StoreInformerTests
{
    [Fact]
    public async Task RunAsync_MetadataOnly_CachesMetadataAndPassesItAsOld()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new InMemoryObjectStore();
        await store.CreateAsync(Pod("web", "v1"), ct);
        var informer = new StoreInformer<V1Pod>(store, TimeProvider.System, NullLogger.Instance, MetadataOnly.Of);
        var changes = Channel.CreateUnbounded<(V1Pod? Old, V1Pod? Current)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = informer.RunAsync((old, current) => changes.Writer.TryWrite((old, current)), stop.Token);

        var listed = await changes.Reader.ReadAsync(ct);
        Assert.Null(listed.Old);
        Assert.NotNull(listed.Current?.Spec);
        var cached = informer.Get("default/web");
        Assert.Null(cached?.Spec);
        Assert.Equal("v1", cached?.Metadata.Labels["version"]);

        var pod = await store.GetAsync<V1Pod>("default", "web", ct);
        pod!.Metadata.Labels["version"] = "v2";
        await store.UpdateAsync(pod, ct);
        var relabelled = await changes.Reader.ReadAsync(ct);

        Assert.Equal("v1", relabelled.Old?.Metadata.Labels["version"]);
        Assert.Null(relabelled.Old?.Spec);
        Assert.Equal("v2", relabelled.Current?.Metadata.Labels["version"]);
        Assert.NotNull(relabelled.Current?.Spec);

        await stop.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    private static V1Pod Pod(string name, string version) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["version"] = version } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
    };
}
