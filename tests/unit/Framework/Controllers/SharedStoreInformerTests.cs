using System.Threading.Channels;
using k8s.Models;
using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeMesos.Tests.Unit.Framework.Controllers;

public sealed class SharedStoreInformerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoOwners_OneChange_BothGetTheSameDecodedObject()
    {
        using var store = new InMemoryObjectStore();
        var shared = new SharedStoreInformer<V1Pod>(store, TimeProvider.System, NullLogger<SharedStoreInformer<V1Pod>>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var (first, second) = (Channel.CreateUnbounded<(V1Pod? Old, V1Pod? Current)>(), Channel.CreateUnbounded<(V1Pod? Old, V1Pod? Current)>());
        var runs = new[]
        {
            shared.RunAsync((old, current) => first.Writer.TryWrite((old, current)), stop.Token),
            shared.RunAsync((old, current) => second.Writer.TryWrite((old, current)), stop.Token),
        };

        await store.CreateAsync(Pod("web", "v1"), Ct);
        var a = await NextAboutAsync(first, "web");
        var b = await NextAboutAsync(second, "web");

        Assert.Same(a.Current, b.Current);
        Assert.Equal("v1", a.Current?.Metadata.Labels["version"]);
        await StopAsync(stop, runs);
    }

    [Fact]
    public async Task LateOwner_IsToldOfWhatIsCached_ThenOfChanges()
    {
        using var store = new InMemoryObjectStore();
        var shared = new SharedStoreInformer<V1Pod>(store, TimeProvider.System, NullLogger<SharedStoreInformer<V1Pod>>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var early = Channel.CreateUnbounded<(V1Pod? Old, V1Pod? Current)>();
        var earlyRun = shared.RunAsync((old, current) => early.Writer.TryWrite((old, current)), stop.Token);
        await store.CreateAsync(Pod("web", "v1"), Ct);
        await NextAboutAsync(early, "web");

        var late = Channel.CreateUnbounded<(V1Pod? Old, V1Pod? Current)>();
        var lateRun = shared.RunAsync((old, current) => late.Writer.TryWrite((old, current)), stop.Token);
        var replayed = await NextAboutAsync(late, "web");
        Assert.Null(replayed.Old);
        Assert.Equal("v1", replayed.Current?.Metadata.Labels["version"]);

        var pod = await store.GetAsync<V1Pod>("default", "web", Ct);
        pod!.Metadata.Labels["version"] = "v2";
        await store.UpdateAsync(pod, Ct);
        (V1Pod? Old, V1Pod? Current) relabelled;
        do
        {
            relabelled = await NextAboutAsync(late, "web");
        }
        while (relabelled.Current?.Metadata.Labels["version"] != "v2");

        Assert.Equal("v1", relabelled.Old?.Metadata.Labels["version"]);
        await StopAsync(stop, [earlyRun, lateRun]);
    }

    [Fact]
    public async Task AllOwnersLeave_ANewOwner_StartsTheWatchAgain()
    {
        using var store = new InMemoryObjectStore();
        var shared = new SharedStoreInformer<V1Pod>(store, TimeProvider.System, NullLogger<SharedStoreInformer<V1Pod>>.Instance);
        using (var firstTerm = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            var seen = Channel.CreateUnbounded<(V1Pod? Old, V1Pod? Current)>();
            var run = shared.RunAsync((old, current) => seen.Writer.TryWrite((old, current)), firstTerm.Token);
            await store.CreateAsync(Pod("web", "v1"), Ct);
            await NextAboutAsync(seen, "web");
            await StopAsync(firstTerm, [run]);
        }

        await store.CreateAsync(Pod("api", "v1"), Ct);
        using var secondTerm = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var again = Channel.CreateUnbounded<(V1Pod? Old, V1Pod? Current)>();
        var rerun = shared.RunAsync((old, current) => again.Writer.TryWrite((old, current)), secondTerm.Token);
        await NextAboutAsync(again, "api");
        await store.CreateAsync(Pod("db", "v1"), Ct);
        await NextAboutAsync(again, "db");
        await StopAsync(secondTerm, [rerun]);
    }

    private static async Task<(V1Pod? Old, V1Pod? Current)> NextAboutAsync(Channel<(V1Pod? Old, V1Pod? Current)> changes, string name)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var change = await changes.Reader.ReadAsync(timeout.Token);
            if ((change.Current ?? change.Old)?.Metadata.Name == name)
            {
                return change;
            }
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task[] runs)
    {
        await stop.CancelAsync();
        foreach (var run in runs)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
    }

    private static V1Pod Pod(string name, string version) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["version"] = version } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
    };
}
