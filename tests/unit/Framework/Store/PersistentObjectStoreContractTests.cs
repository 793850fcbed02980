using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

/// <summary>The contract plus what a durable backend owes: the same data from another instance, and after a restart.</summary>
public abstract class PersistentObjectStoreContractTests : ObjectStoreContractTests
{
    [Fact]
    public async Task Reopen_AfterDispose_FindsEveryObjectWithItsVersionAndContinues()
    {
        var store = OpenStore();
        var pod = await store.CreateAsync(Pod("web-1", labels: ["app=web"]), TestToken);
        var service = await store.CreateAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" } }, TestToken);
        var ns = await store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team" } }, TestToken);
        pod.Spec.Containers[0].Image = "nginx:2";
        pod = await store.UpdateAsync(pod, TestToken);
        var gone = await store.CreateAsync(Pod("gone"), TestToken);
        await store.DeleteAsync<V1Pod>("default", "gone", cancellationToken: TestToken);
        var before = await store.CurrentVersionAsync(TestToken);
        Close(store);

        var reopened = OpenStore();

        Assert.Equal(before, await reopened.CurrentVersionAsync(TestToken));
        var readPod = await reopened.GetAsync<V1Pod>("default", "web-1", TestToken);
        Assert.Equal(pod.Metadata.ResourceVersion, readPod!.Metadata.ResourceVersion);
        Assert.Equal(pod.Metadata.Uid, readPod.Metadata.Uid);
        Assert.Equal("nginx:2", readPod.Spec.Containers[0].Image);
        Assert.Equal(service.Metadata.ResourceVersion, (await reopened.GetAsync<V1Service>("default", "web", TestToken))!.Metadata.ResourceVersion);
        Assert.Equal(ns.Metadata.ResourceVersion, (await reopened.GetAsync<V1Namespace>(null, "team", TestToken))!.Metadata.ResourceVersion);
        Assert.Null(await reopened.GetAsync<V1Pod>("default", "gone", TestToken));
        var next = await reopened.CreateAsync(Pod("web-2"), TestToken);
        Assert.True(Version(next) > before);

        // The change log survives too: a watch resumes from before the restart.
        var events = await TakeAsync(reopened.WatchAsync<V1Pod>("default", Version(gone) - 1, TestToken), 3);
        Assert.Equal([StoreWatchEventType.Added, StoreWatchEventType.Deleted, StoreWatchEventType.Added], events.Select(e => e.Type));
        Assert.Equal(["gone", "gone", "web-2"], events.Select(e => e.Object.Metadata.Name));
    }

    [Fact]
    public async Task TwoInstances_OverTheSameData_SeeTheSameObjects()
    {
        var first = OpenStore();
        var second = OpenStore();

        var created = await first.CreateAsync(Pod("web-1"), TestToken);
        var read = await second.GetAsync<V1Pod>("default", "web-1", TestToken);
        Assert.Equal(created.Metadata.ResourceVersion, read!.Metadata.ResourceVersion);

        var updated = await second.UpdateAsync(read, TestToken);
        await Assert.ThrowsAsync<StoreConflictException>(() => first.UpdateAsync(created, TestToken));
        Assert.Equal(updated.Metadata.ResourceVersion, (await first.GetAsync<V1Pod>("default", "web-1", TestToken))!.Metadata.ResourceVersion);
        Assert.Equal(await first.CurrentVersionAsync(TestToken), await second.CurrentVersionAsync(TestToken));
    }
}
