using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

public sealed class ClusterWriterTests : IDisposable
{
    private readonly InMemoryObjectStore _store = new();
    private readonly ClusterWriter _writer;

    public ClusterWriterTests() => _writer = TestClusterWriter.For(_store);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _store.Dispose();

    private static readonly Dictionary<string, string> App = new() { ["app"] = "web" };

    private static V1Pod Pod(string name, string? image = "nginx") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string>(App) },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = image }] },
    };

    private static V1ReplicationController Rc(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = replicas,
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(App) },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
            },
        },
    };

    [Fact]
    public async Task CreateAsync_Pod_DefaultedAsTheApiDoesInTheDefaultNamespace()
    {
        var created = await _writer.CreateAsync(Pod("web-1"), Ct);

        Assert.Equal("default", created.Metadata.NamespaceProperty);
        Assert.Equal(PodPhases.Pending, created.Status.Phase);
        Assert.NotNull((await _store.GetAsync<V1Pod>("default", "web-1", Ct))?.Metadata.Uid);
    }

    [Fact]
    public async Task CreateAsync_Rc_SelectorDefaultedFromTheTemplate()
    {
        var created = await _writer.CreateAsync(Rc("web", 2), Ct);

        Assert.Equal(App, created.Spec.Selector);
        Assert.Equal(0, created.Status.Replicas);
    }

    [Fact]
    public async Task CreateAsync_Invalid_RefusedWithFieldCausesAndNothingStored()
    {
        var ex = await Assert.ThrowsAsync<ClusterWriteException>(() => _writer.CreateAsync(Pod("Bad_Name", image: null), Ct));

        Assert.Equal("Invalid", ex.Reason);
        Assert.Equal(422, ex.Status.Code);
        Assert.Contains(ex.Causes, c => c.Field == "metadata.name");
        Assert.Contains(ex.Causes, c => c.Field == "spec.containers[0].image");
        Assert.Empty((await _store.ListAsync<V1Pod>(new StoreListOptions(), Ct)).Items);
    }

    [Fact]
    public async Task CreateAsync_Twice_AlreadyExists()
    {
        await _writer.CreateAsync(Pod("web-1"), Ct);

        var ex = await Assert.ThrowsAsync<ClusterWriteException>(() => _writer.CreateAsync(Pod("web-1"), Ct));

        Assert.Equal("AlreadyExists", ex.Reason);
    }

    [Fact]
    public async Task CreateAsync_MissingNamespace_NotFound()
    {
        var pod = Pod("web-1");
        pod.Metadata.NamespaceProperty = "nowhere";

        var ex = await Assert.ThrowsAsync<ClusterWriteException>(() => _writer.CreateAsync(pod, Ct));

        Assert.Equal("NotFound", ex.Reason);
        Assert.Contains("nowhere", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentWriteBetweenReadAndWrite_RetriedOnTheNewestObject()
    {
        await _writer.CreateAsync(Pod("web-1"), Ct);
        var calls = 0;

        var updated = await _writer.UpdateAsync<V1Pod>("default", "web-1", pod =>
        {
            if (++calls == 1)
            {
                // Someone else (the scheduler, kubectl) writes after our read: our first write must conflict.
                var other = _store.GetAsync<V1Pod>("default", "web-1", Ct).GetAwaiter().GetResult()!;
                other.Metadata.Labels["owner"] = "someone-else";
                _store.UpdateAsync(other, Ct).GetAwaiter().GetResult();
            }

            pod.Metadata.Labels["tier"] = "front";
            return pod;
        }, Ct);

        Assert.Equal(2, calls);
        var stored = (await _store.GetAsync<V1Pod>("default", "web-1", Ct))!;
        Assert.Equal("someone-else", stored.Metadata.Labels["owner"]);
        Assert.Equal("front", stored.Metadata.Labels["tier"]);
        Assert.Equal(stored.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task UpdateAsync_ConflictEveryTime_RefusedAsConflictNotLost()
    {
        await _writer.CreateAsync(Pod("web-1"), Ct);
        var calls = 0;

        var ex = await Assert.ThrowsAsync<ClusterWriteException>(() => _writer.UpdateAsync<V1Pod>("default", "web-1", pod =>
        {
            calls++;
            var other = _store.GetAsync<V1Pod>("default", "web-1", Ct).GetAwaiter().GetResult()!;
            other.Metadata.Labels["n"] = calls.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _store.UpdateAsync(other, Ct).GetAwaiter().GetResult();
            pod.Metadata.Labels["tier"] = "front";
            return pod;
        }, Ct));

        Assert.Equal("Conflict", ex.Reason);
        Assert.Equal(ConflictRetry.Attempts, calls);
        Assert.False((await _store.GetAsync<V1Pod>("default", "web-1", Ct))!.Metadata.Labels.ContainsKey("tier"));
    }

    [Fact]
    public async Task UpdateAsync_NoChange_WritesNothing()
    {
        var created = await _writer.CreateAsync(Pod("web-1"), Ct);

        var same = await _writer.UpdateAsync<V1Pod>("default", "web-1", _ => null, Ct);

        Assert.Equal(created.Metadata.ResourceVersion, same.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task UpdateAsync_StatusChange_KeptFromTheStoredObjectAsTheApiDoes()
    {
        await _writer.CreateAsync(Pod("web-1"), Ct);

        var updated = await _writer.UpdateAsync<V1Pod>("default", "web-1", pod =>
        {
            pod.Status.Phase = PodPhases.Running;
            pod.Metadata.Labels["tier"] = "front";
            return pod;
        }, Ct);

        Assert.Equal(PodPhases.Pending, updated.Status.Phase);
        Assert.Equal("front", updated.Metadata.Labels["tier"]);
    }

    [Fact]
    public async Task ScaleAsync_SetsReplicas_NegativeIsInvalidOnSpecReplicas()
    {
        await _writer.CreateAsync(Rc("web", 1), Ct);

        var scaled = await _writer.ScaleAsync("default", "web", 4, Ct);
        Assert.Equal(4, scaled.Spec.Replicas);

        var ex = await Assert.ThrowsAsync<ClusterWriteException>(() => _writer.ScaleAsync("default", "web", -1, Ct));
        Assert.Equal("Invalid", ex.Reason);
        Assert.Contains(ex.Causes, c => c.Field == "spec.replicas");
        Assert.Equal(4, (await _store.GetAsync<V1ReplicationController>("default", "web", Ct))!.Spec.Replicas);
    }

    [Fact]
    public async Task ScaleAsync_Missing_NotFound()
    {
        var ex = await Assert.ThrowsAsync<ClusterWriteException>(() => _writer.ScaleAsync("default", "ghost", 2, Ct));

        Assert.Equal("NotFound", ex.Reason);
    }

    [Theory]
    [InlineData(true, "Background")]
    [InlineData(false, "Orphan")]
    public async Task DeleteAsync_Rc_PassesThePropagationPolicyToTheControllers(bool cascade, string policy)
    {
        await _writer.CreateAsync(Rc("web", 1), Ct);
        var version = await _store.CurrentVersionAsync(Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var deleted = WatchForDeleteAsync(version, stop.Token);

        Assert.True(await _writer.DeleteAsync<V1ReplicationController>("default", "web", cascade, Ct));

        var last = await deleted;
        Assert.Equal(policy, last.Metadata.Annotations[DeletionHints.PropagationPolicyAnnotation]);
        Assert.Null(await _store.GetAsync<V1ReplicationController>("default", "web", Ct));
        Assert.False(await _writer.DeleteAsync<V1ReplicationController>("default", "web", cascade, Ct));
    }

    [Fact]
    public async Task DeleteAsync_RunningPod_MarkedForGracefulDeletion()
    {
        await _writer.CreateAsync(Pod("web-1"), Ct);
        var pod = (await _store.GetAsync<V1Pod>("default", "web-1", Ct))!;
        pod.Spec.NodeName = "agent-0";
        pod.Status.Phase = PodPhases.Running;
        await _store.UpdateAsync(pod, Ct);

        Assert.True(await _writer.DeleteAsync<V1Pod>("default", "web-1", cancellationToken: Ct));

        Assert.NotNull((await _store.GetAsync<V1Pod>("default", "web-1", Ct))?.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task DeleteAsync_PendingPod_RemovedAtOnce()
    {
        await _writer.CreateAsync(Pod("web-1"), Ct);

        Assert.True(await _writer.DeleteAsync<V1Pod>("default", "web-1", cancellationToken: Ct));

        Assert.Null(await _store.GetAsync<V1Pod>("default", "web-1", Ct));
    }

    private async Task<V1ReplicationController> WatchForDeleteAsync(long after, CancellationToken ct)
    {
        await foreach (var change in _store.WatchAsync<V1ReplicationController>(null, after, ct))
        {
            if (change.Type == StoreWatchEventType.Deleted)
            {
                return change.Object;
            }
        }

        throw new InvalidOperationException("watch ended");
    }
}
