using Xunit;
using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class PodListModelTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private static PodView Pod(string name, int second, string phase = PodPhases.Pending, string? node = null,
        string ns = "default", params (string Key, string Value)[] labels) =>
        new(ns, name, phase, node, null, null, 1, 512, labels.ToDictionary(l => l.Key, l => l.Value), T0.AddSeconds(second), null);

    private static ClusterSnapshot Snapshot(params PodView[] pods) =>
        ClusterSnapshot.Empty().Apply(pods.Select(p => (ClusterChange)new PodUpdated(p)));

    private static readonly ClusterSnapshot Cluster = Snapshot(
        Pod("web-1", 1, PodPhases.Running, "agent-1.local", labels: [("app", "web"), ("tier", "front")]),
        Pod("web-2", 2, PodPhases.Pending, labels: [("app", "web"), ("tier", "cache")]),
        Pod("db-1", 3, PodPhases.Running, "agent-2.local", "data", ("app", "db")),
        Pod("batch-1", 4, PodPhases.Failed, "agent-1.local"));

    private static PodListModel Model()
    {
        var model = new PodListModel();
        model.Show(Cluster);
        return model;
    }

    [Fact]
    public void Rows_NoFilter_EveryPodNewestFirst()
    {
        var model = Model();

        Assert.Equal(["batch-1", "db-1", "web-2", "web-1"], model.Rows.Select(p => p.Name));
        Assert.Equal(4, model.Total);
    }

    [Fact]
    public void SetSearch_WordsInNameNamespaceOrAgent_AllMustMatch()
    {
        var model = Model();

        model.SetSearch("AGENT-1");
        Assert.Equal(["batch-1", "web-1"], model.Rows.Select(p => p.Name));

        model.SetSearch("data");
        Assert.Equal(["db-1"], model.Rows.Select(p => p.Name));

        model.SetSearch("web agent-1");
        Assert.Equal(["web-1"], model.Rows.Select(p => p.Name));
    }

    [Fact]
    public void SetSelector_ValidSelector_SelectsByLabels()
    {
        var model = Model();

        model.SetSelector("app=web,tier!=cache");
        Assert.Equal(["web-1"], model.Rows.Select(p => p.Name));

        model.SetSelector("app in (web,db)");
        Assert.Equal(["db-1", "web-2", "web-1"], model.Rows.Select(p => p.Name));

        model.SetSelector("!app");
        Assert.Equal(["batch-1"], model.Rows.Select(p => p.Name));
        Assert.Null(model.SelectorError);
    }

    [Fact]
    public void SetSelector_BadSyntax_ErrorAndLastValidSelectorKept()
    {
        var model = Model();
        model.SetSelector("app=db");

        model.SetSelector("app in (web");

        Assert.NotNull(model.SelectorError);
        Assert.Contains("expected", model.SelectorError);
        Assert.Equal("app in (web", model.SelectorText);
        Assert.Equal(["db-1"], model.Rows.Select(p => p.Name));

        model.SetSelector("");
        Assert.Null(model.SelectorError);
        Assert.Equal(4, model.Rows.Count);
    }

    [Fact]
    public void SetPhase_Phase_OnlyThatPhaseCombinedWithOtherFilters()
    {
        var model = Model();

        model.SetPhase(PodPhases.Running);
        Assert.Equal(["db-1", "web-1"], model.Rows.Select(p => p.Name));

        model.SetSelector("app=web");
        Assert.Equal(["web-1"], model.Rows.Select(p => p.Name));

        model.SetPhase(null);
        Assert.Equal(["web-2", "web-1"], model.Rows.Select(p => p.Name));
    }

    [Fact]
    public void Rows_SamePodsOrUnchangedFilter_NotRecomputed()
    {
        var model = Model();
        _ = model.Rows;

        model.Show(Cluster.Apply(new OfferReceived(new OfferView("o-1", "a1", "agent-1.local", 1, 1, 1, "", T0))));
        model.SetSearch("  ");
        model.SetSelector("");
        _ = model.Rows;

        Assert.Equal(1, model.Computations);
    }

    [Fact]
    public void SetFilters_ChangedOrNot_SaysWhetherTheFilterChanged()
    {
        var model = Model();

        Assert.True(model.SetSearch("web"));
        Assert.False(model.SetSearch(" web "));
        Assert.True(model.SetSelector("app=web"));
        Assert.False(model.SetSelector("app = web"));
        Assert.False(model.SetSelector("app in (web"));
        Assert.True(model.SetPhase(PodPhases.Running));
        Assert.False(model.SetPhase(PodPhases.Running));
        Assert.True(model.SetPhase(""));
    }

    [Fact]
    public void Rows_PodsChanged_Recomputed()
    {
        var model = Model();
        _ = model.Rows;

        model.Show(Cluster.Apply(new PodUpdated(Pod("new-1", 9))));

        Assert.Equal("new-1", model.Rows[0].Name);
        Assert.Equal(2, model.Computations);
    }

    [Fact]
    public void PodIndex_SamePodsMap_ComputedOnceAndShared()
    {
        var withOffer = Cluster.Apply(new OfferReceived(new OfferView("o-1", "a1", "agent-1.local", 1, 1, 1, "", T0)));

        Assert.Same(PodIndex.Of(Cluster), PodIndex.Of(withOffer));
        Assert.Same(PodIndex.Of(Cluster).NewestFirst, PodIndex.Of(withOffer).NewestFirst);
        Assert.Equal(["web-2"], PodIndex.Of(Cluster).Queue.Select(p => p.Name));
        Assert.Equal(2, PodIndex.Of(Cluster).Running);
    }
}
