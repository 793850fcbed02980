using k8s.Models;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Store;
using KubeMesos.Tests.Unit.Support;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class LabelEditorModelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<InMemoryObjectStore> StoreWithPodAsync()
    {
        var store = new InMemoryObjectStore();
        await store.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }], NodeName = "agent-1" },
            Status = new V1PodStatus { Phase = "Running" },
        }, Ct);
        return store;
    }

    [Fact]
    public void Validate_BadKeyAndDuplicate_InlineErrorsPerRow()
    {
        var model = new LabelEditorModel(new Dictionary<string, string> { ["app"] = "web" });
        model.Add();
        model.Rows[1].Key = "-bad";
        model.Add();
        model.Rows[2].Key = "app";
        model.Rows[2].Value = "other";

        Assert.False(model.Validate());
        Assert.Null(model.KeyError(0));
        Assert.NotNull(model.KeyError(1));
        Assert.Equal("duplicate label key \"app\"", model.KeyError(2));
    }

    [Fact]
    public async Task SaveAsync_NewSet_ReplacesLabelsOnly()
    {
        using var store = await StoreWithPodAsync();
        var model = new LabelEditorModel(new Dictionary<string, string> { ["app"] = "web" });
        model.Rows[0].Value = "api";
        model.Add();
        model.Rows[1].Key = "tier";
        model.Rows[1].Value = "front";

        Assert.True(await model.SaveAsync<V1Pod>(TestClusterWriter.For(store), "default", "web", Ct));

        var pod = (await store.GetAsync<V1Pod>("default", "web", Ct))!;
        Assert.Equal(new Dictionary<string, string> { ["app"] = "api", ["tier"] = "front" }, pod.Metadata.Labels);
        Assert.Equal("Running", pod.Status.Phase);
        Assert.Equal("agent-1", pod.Spec.NodeName);
    }

    [Fact]
    public async Task SaveAsync_Invalid_NothingWritten()
    {
        using var store = await StoreWithPodAsync();
        var before = (await store.GetAsync<V1Pod>("default", "web", Ct))!.Metadata.ResourceVersion;
        var model = new LabelEditorModel(null);
        model.Add();
        model.Rows[0].Key = "Bad Key";

        Assert.False(await model.SaveAsync<V1Pod>(TestClusterWriter.For(store), "default", "web", Ct));
        Assert.Equal(before, (await store.GetAsync<V1Pod>("default", "web", Ct))!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task SaveAsync_ObjectGone_SaysSo()
    {
        using var store = new InMemoryObjectStore();
        var model = new LabelEditorModel(null);

        Assert.False(await model.SaveAsync<V1Pod>(TestClusterWriter.For(store), "default", "ghost", Ct));
        Assert.Equal("ghost no longer exists", model.Error);
    }
}
