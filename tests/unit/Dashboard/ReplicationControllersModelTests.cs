using k8s.Models;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class ReplicationControllersModelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static V1ReplicationController Rc(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = replicas,
            Selector = new Dictionary<string, string> { ["app"] = name },
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } } },
        },
    };

    [Fact]
    public async Task ScaleAsync_UpAndDown_WritesSpecReplicasNeverBelowZero()
    {
        using var store = new InMemoryObjectStore();
        await store.CreateAsync(Rc("web", 1), Ct);
        var model = new ReplicationControllersModel(store);

        Assert.True(await model.ScaleAsync("default", "web", 1, Ct));
        Assert.Equal(2, (await store.GetAsync<V1ReplicationController>("default", "web", Ct))!.Spec.Replicas);
        Assert.True(await model.ScaleAsync("default", "web", -5, Ct));
        Assert.Equal(0, (await store.GetAsync<V1ReplicationController>("default", "web", Ct))!.Spec.Replicas);
        Assert.False(await model.ScaleAsync("default", "missing", 1, Ct));
    }

    [Fact]
    public async Task RunAsync_ListsThenFollowsChanges()
    {
        using var store = new InMemoryObjectStore();
        await store.CreateAsync(Rc("web", 2), Ct);
        var model = new ReplicationControllersModel(store);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<ReplicationControllerRow>>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = model.RunAsync(() => changes.Writer.TryWrite(model.Rows), cts.Token);

        var first = await changes.Reader.ReadAsync(Ct);
        Assert.Equal(new ReplicationControllerRow("default", "web", 2, 0, 0, "app=web"), Assert.Single(first));

        var rc = (await store.GetAsync<V1ReplicationController>("default", "web", Ct))!;
        rc.Status = new V1ReplicationControllerStatus { Replicas = 2, ReadyReplicas = 1 };
        await store.UpdateAsync(rc, Ct);
        await store.CreateAsync(Rc("api", 1), Ct);
        await store.DeleteAsync<V1ReplicationController>("default", "web", cancellationToken: Ct);

        var seen = new List<IReadOnlyList<ReplicationControllerRow>>();
        while (seen.Count < 3)
        {
            seen.Add(await changes.Reader.ReadAsync(Ct));
        }

        Assert.Equal((2, 1), (seen[0].Single().Current, seen[0].Single().Ready));
        Assert.Equal(["api", "web"], seen[1].Select(r => r.Name));
        Assert.Equal("api", Assert.Single(seen[2]).Name);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
