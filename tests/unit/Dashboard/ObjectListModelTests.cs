using k8s.Models;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class ObjectListModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ReplicationControllerView Rc(string name, int desired, int ready, string ns = "default", int minute = 0, string app = "web") =>
        new(ns, name, "u", desired, desired, ready, new Dictionary<string, string> { ["app"] = app }, new Dictionary<string, string>(),
            new Dictionary<string, string> { ["app"] = app }, T0.AddMinutes(minute));

    private static ObjectListModel<ReplicationControllerView> Model(params ReplicationControllerView[] rcs)
    {
        var model = new ObjectListModel<ReplicationControllerView>(ObjectLists.ReplicationControllers);
        model.Show(ClusterSnapshot.Empty().Apply(rcs.Select(r => (ClusterChange)new ReplicationControllerUpdated(r))));
        return model;
    }

    [Fact]
    public void Rows_DefaultByName_FiltersBySearchSelectorAndNamespace()
    {
        var model = Model(Rc("web", 3, 3), Rc("api", 1, 0, app: "api"), Rc("web", 2, 2, ns: "team"));

        Assert.Equal(["api", "web", "web"], model.Rows.Select(r => r.Name));
        Assert.True(model.SetNamespace("team"));
        Assert.Equal(["team/web"], model.Rows.Select(r => r.Key));
        Assert.Equal(1, model.Total);
        Assert.True(model.SetNamespace(null));
        Assert.True(model.SetSelector("app=api"));
        Assert.Equal(["api"], model.Rows.Select(r => r.Name));
        Assert.False(model.SetSelector("app in (api"));
        Assert.NotNull(model.Filter.SelectorError);
        Assert.Equal(["api"], model.Rows.Select(r => r.Name));
        Assert.True(model.SetSelector(""));
        Assert.True(model.SetSearch("TEAM web"));
        Assert.Equal(["team/web"], model.Rows.Select(r => r.Key));
    }

    [Fact]
    public void SetSort_ByColumnAndDirection_UnknownColumnFallsBackToTheDefault()
    {
        var model = Model(Rc("a", 1, 1, minute: 2), Rc("b", 5, 0, minute: 1), Rc("c", 3, 3, minute: 3));

        Assert.True(model.SetSort(ObjectLists.SortDesired, descending: true));
        Assert.Equal(["b", "c", "a"], model.Rows.Select(r => r.Name));
        Assert.True(model.SetSort(ObjectLists.SortAge, descending: true));
        Assert.Equal(["c", "a", "b"], model.Rows.Select(r => r.Name));
        Assert.True(model.SetSort("<script>", null));
        Assert.Equal(ObjectLists.SortName, model.Filter.Sort);
        Assert.Equal(["a", "b", "c"], model.Rows.Select(r => r.Name));
        Assert.True(model.Filter.NextDescending(ObjectLists.SortName));
        Assert.False(model.Filter.NextDescending(ObjectLists.SortDesired));
    }

    [Fact]
    public void PodList_SameSecond_NewestByCreationOrderNotByName()
    {
        var created = T0.AddSeconds(5);
        PodView Pod(string name, long index) =>
            new("default", name, PodPhases.Pending, null, null, null, 1, 1, new Dictionary<string, string>(), created, null) { CreationIndex = index };
        var model = new PodListModel();
        // Created in the order z, a, m within one second (creationTimestamp has whole seconds).
        model.Show(ClusterSnapshot.Empty().Apply([new PodUpdated(Pod("z", 10)), new PodUpdated(Pod("a", 11)), new PodUpdated(Pod("m", 12))]));

        Assert.Equal(["m", "a", "z"], model.Rows.Select(p => p.Name));
        Assert.True(model.SetSort(PodListModel.SortAge, descending: false));
        Assert.Equal(["z", "a", "m"], model.Rows.Select(p => p.Name));
        Assert.True(model.SetSort(PodListModel.SortName, descending: false));
        Assert.Equal(["a", "m", "z"], model.Rows.Select(p => p.Name));
    }

    [Fact]
    public void PodList_Namespace_FiltersAndCountsThatNamespace()
    {
        PodView Pod(string ns, string name) =>
            new(ns, name, PodPhases.Pending, null, null, null, 1, 1, new Dictionary<string, string>(), T0, null);
        var model = new PodListModel();
        model.Show(ClusterSnapshot.Empty().Apply([new PodUpdated(Pod("default", "a")), new PodUpdated(Pod("team", "b")), new PodUpdated(Pod("team", "c"))]));

        Assert.True(model.SetNamespace("team"));

        Assert.Equal(["b", "c"], model.Rows.Select(p => p.Name));
        Assert.Equal(2, model.Total);
    }

    [Fact]
    public void QueryState_LinkKeepsTheNamespaceAndEscapes()
    {
        Assert.Equal("pods", QueryState.Link("pods", null));
        Assert.Equal("pods?ns=team&selector=app%3Dweb%2Ctier%3Dfront", QueryState.Link("pods", "team", (QueryState.Selector, "app=web,tier=front")));
        Assert.Equal("app=web,tier=front", QueryState.SelectorText(new Dictionary<string, string> { ["tier"] = "front", ["app"] = "web" }));
        Assert.True(QueryState.DescendingOf("desc"));
        Assert.Null(QueryState.DescendingOf("sideways"));
    }

    [Fact]
    public void ReplicaText_ProgressAndState()
    {
        Assert.Equal(50, ReplicaText.ReadyPercent(Rc("web", 4, 2)));
        Assert.Equal(100, ReplicaText.ReadyPercent(Rc("web", 0, 0)));
        Assert.Equal("4 desired, 4 current, 2 ready: converging", ReplicaText.Describe(Rc("web", 4, 2)));
        Assert.EndsWith("up to date", ReplicaText.Describe(Rc("web", 2, 2)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScaleModel_StepAndTypedAndRefusals_ErrorsNotExceptions()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new InMemoryObjectStore();
        var writer = TestClusterWriter.For(store);
        await writer.CreateAsync(new V1ReplicationController
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ReplicationControllerSpec
            {
                Replicas = 1,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
                },
            },
        }, ct);
        var scale = new ScaleModel(writer, "default", "web");

        Assert.True(await scale.ByAsync(1, ct));
        Assert.True(await scale.ByAsync(1, ct));
        Assert.Equal(3, (await store.GetAsync<V1ReplicationController>("default", "web", ct))!.Spec.Replicas);
        Assert.True(await scale.ByAsync(-10, ct));
        Assert.Equal(0, (await store.GetAsync<V1ReplicationController>("default", "web", ct))!.Spec.Replicas);
        Assert.True(await scale.ToAsync(7, ct));
        Assert.False(await scale.ToAsync(-1, ct));
        Assert.Contains("Cannot scale web", scale.Error, StringComparison.Ordinal);
        Assert.Equal(7, (await store.GetAsync<V1ReplicationController>("default", "web", ct))!.Spec.Replicas);

        var gone = new ScaleModel(writer, "default", "ghost");
        Assert.False(await gone.ByAsync(1, ct));
        Assert.Equal("ghost no longer exists", gone.Error);
    }
}
