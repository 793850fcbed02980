using KubeMesos.Dashboard.Model;
using static KubeMesos.Tests.Unit.Dashboard.Labels.LabelFixtures;

namespace KubeMesos.Tests.Unit.Dashboard.Labels;

public sealed class LabelImpactPreviewTests
{
    private static readonly LabelEdit ToWeb = LabelEdit.Set("tier", "web");

    [Fact]
    public void Compute_OrphansMovedIntoServiceSelector_ServiceGainsReadyEndpoints()
    {
        var objects = Objects([Pod("db-1", "db"), Pod("db-2", "db"), Pod("web-1", "web")], [Service("web", "web"), Service("db", "db")]);

        var impact = LabelImpactPreview.Compute(objects, ["default/db-1", "default/db-2"], [ToWeb], Now);

        Assert.Equal(2, impact.Pods.Count);
        var web = Assert.Single(impact.Services, s => s.Name == "web");
        Assert.Equal((1, 3, 3), (web.ReadyNow, web.ReadyAfterChange, web.ReadySettled));
        Assert.Equal(["db-1", "db-2"], web.Gains);
        Assert.Empty(web.Losses);
        Assert.Equal("+2 endpoints", web.DeltaText);
        var db = Assert.Single(impact.Services, s => s.Name == "db");
        Assert.Equal(["db-1", "db-2"], db.Losses);
        Assert.Equal("\u22122 endpoints", db.DeltaText);
        Assert.Equal((2, 0), (db.ReadyNow, db.ReadyAfterChange));
        Assert.Empty(impact.ReplicationControllers);
    }

    [Fact]
    public void Compute_NotReadyPodComesToMatch_NotAnEndpointButListed()
    {
        var objects = Objects([Pod("slow", "db", ready: false), Pod("web-1", "web")], [Service("web", "web")]);

        var impact = LabelImpactPreview.Compute(objects, ["default/slow"], [ToWeb], Now);

        var web = Assert.Single(impact.Services);
        Assert.Empty(web.Gains);
        Assert.Equal((1, 1), (web.ReadyNow, web.ReadyAfterChange));
        Assert.Equal(["slow"], web.NotReadyMatches);
    }

    [Fact]
    public void Compute_OrphansMatchRcWithEnoughReplicas_AdoptedThenSurplusDeletedNewestFirst()
    {
        var rc = Rc("web", 2, "web");
        var objects = Objects(
            [Pod("web-a", "web", rc, ageSeconds: 300), Pod("web-b", "web", rc, ageSeconds: 300), Pod("db-1", "db", ageSeconds: 100), Pod("db-2", "db", ageSeconds: 50)],
            [Service("web", "web")], [rc]);

        var impact = LabelImpactPreview.Compute(objects, ["default/db-1", "default/db-2"], [ToWeb], Now);

        var r = Assert.Single(impact.ReplicationControllers);
        Assert.Equal(["db-1", "db-2"], r.Adopts.Order());
        Assert.Equal(0, r.Creates);
        // ReplicationDecider deletes the newest of equally ready running pods first.
        Assert.Equal(["db-2", "db-1"], r.Deletes);
        Assert.Empty(r.Releases);
        Assert.Empty(r.Contested);
        var web = Assert.Single(impact.Services);
        Assert.Equal((2, 4, 2), (web.ReadyNow, web.ReadyAfterChange, web.ReadySettled));
        Assert.Equal(["db-1", "db-2"], web.RemovedByControllers);
    }

    [Fact]
    public void Compute_OwnedPodsMovedOut_ReleasedAndReplaced_ServiceLosesThenReplacementsJoin()
    {
        var rc = Rc("web", 2, "web");
        var objects = Objects([Pod("web-a", "web", rc), Pod("web-b", "web", rc)], [Service("web", "web")], [rc]);

        var impact = LabelImpactPreview.Compute(objects, ["default/web-a"], [LabelEdit.Set("tier", "debug")], Now);

        var r = Assert.Single(impact.ReplicationControllers);
        Assert.Equal(["web-a"], r.Releases);
        Assert.Equal(1, r.Creates);
        Assert.Empty(r.Deletes);
        Assert.Empty(r.Adopts);
        var web = Assert.Single(impact.Services);
        Assert.Equal(["web-a"], web.Losses);
        Assert.Equal((2, 1, 1), (web.ReadyNow, web.ReadyAfterChange, web.ReadySettled));
        Assert.Equal(1, web.ReplacementsToJoin);
    }

    [Fact]
    public void Compute_RemoveKeyFromOwnedPod_ReleasedAndReplaced()
    {
        var rc = Rc("web", 1, "web");
        var objects = Objects([Pod("web-a", "web", rc)], [], [rc]);

        var impact = LabelImpactPreview.Compute(objects, ["default/web-a"], [LabelEdit.Remove("tier")], Now);

        var change = Assert.Single(impact.Pods);
        Assert.False(change.After.ContainsKey("tier"));
        var r = Assert.Single(impact.ReplicationControllers);
        Assert.Equal((1, 1), (r.Releases.Count, r.Creates));
    }

    [Fact]
    public void Compute_OrphanMatchedByTwoRcs_OneAdoptsAndTheRivalryIsReported()
    {
        var a = Rc("a", 2, "web");
        var b = Rc("b", 2, "web");
        b.Spec.Selector = new Dictionary<string, string> { ["app"] = "shop", ["tier"] = "web" };
        b.Spec.Template.Metadata.Labels = new Dictionary<string, string>(b.Spec.Selector);
        var objects = Objects([Pod("a-1", "web", a), Pod("b-1", "web", b), Pod("stray", "db")], [], [a, b]);

        var impact = LabelImpactPreview.Compute(objects, ["default/stray"], [ToWeb], Now);

        var adopter = Assert.Single(impact.ReplicationControllers, r => r.Adopts.Contains("stray"));
        var contested = Assert.Single(adopter.Contested);
        Assert.Equal("stray", contested.Pod);
        Assert.Equal(["a", "b"], contested.Controllers.Order());
    }

    [Fact]
    public void Compute_PodOwnedByOneRcComesToMatchAnother_NotTaken()
    {
        var a = Rc("a", 1, "a");
        var b = Rc("b", 1, "web");
        var owned = Pod("a-1", "a", a);
        owned.Metadata.Labels["extra"] = "x";
        a.Spec.Selector = new Dictionary<string, string> { ["extra"] = "x" };
        var objects = Objects([owned, Pod("b-1", "web", b)], [], [a, b]);

        var impact = LabelImpactPreview.Compute(objects, ["default/a-1"], [ToWeb], Now);

        // Still matches its own controller (extra=x), so b cannot adopt it: nothing happens to either.
        Assert.Empty(impact.ReplicationControllers);
    }

    [Fact]
    public void Compute_ReleasedPodMatchesAnotherRc_AdoptedByItInALaterRound()
    {
        var web = Rc("web", 1, "web");
        var db = Rc("db", 1, "db");
        var objects = Objects([Pod("web-a", "web", web), Pod("db-a", "db", db, ageSeconds: 300)], [], [web, db]);

        var impact = LabelImpactPreview.Compute(objects, ["default/web-a"], [LabelEdit.Set("tier", "db")], Now);

        var w = Assert.Single(impact.ReplicationControllers, r => r.Name == "web");
        Assert.Equal(["web-a"], w.Releases);
        Assert.Equal(1, w.Creates);
        var d = Assert.Single(impact.ReplicationControllers, r => r.Name == "db");
        Assert.Equal(["web-a"], d.Adopts);
        Assert.Equal(0, d.Creates);
        Assert.Equal(["web-a"], d.Deletes); // one too many now: the newest goes
    }

    [Fact]
    public void Compute_OtherNamespaceUntouched()
    {
        var rcOther = Rc("web", 1, "web", ns: "other");
        var objects = Objects([Pod("db-1", "db"), Pod("web-x", "web", rcOther, ns: "other")], [Service("web", "web", ns: "other")], [rcOther]);

        var impact = LabelImpactPreview.Compute(objects, ["default/db-1"], [ToWeb], Now);

        Assert.Single(impact.Pods);
        Assert.True(impact.LabelsOnly);
    }

    [Fact]
    public void Compute_RcStillConverging_OnlyWhatTheChangeCausesIsReported()
    {
        var rc = Rc("web", 3, "web");
        var objects = Objects([Pod("web-a", "web", rc), Pod("db-1", "db")], [], [rc]);

        var impact = LabelImpactPreview.Compute(objects, ["default/db-1"], [ToWeb], Now);

        // It would create 2 anyway; adopting db-1 means one create fewer, which is not a "create" of the change.
        var r = Assert.Single(impact.ReplicationControllers);
        Assert.Equal(["db-1"], r.Adopts);
        Assert.Equal(0, r.Creates);
    }

    [Fact]
    public void Compute_NoOpAndMissingPods_Reported()
    {
        var objects = Objects([Pod("web-1", "web")]);

        var impact = LabelImpactPreview.Compute(objects, ["default/web-1", "default/gone"], [ToWeb], Now);

        Assert.True(impact.IsEmpty);
        Assert.Equal(1, impact.Unchanged);
        Assert.Equal(["default/gone"], impact.Missing);
    }

    [Fact]
    public void Compute_DoesNotChangeItsInputs()
    {
        var rc = Rc("web", 1, "web");
        var pod = Pod("db-1", "db");
        var objects = Objects([Pod("web-a", "web", rc), pod], [], [rc]);

        LabelImpactPreview.Compute(objects, ["default/db-1"], [ToWeb], Now);

        Assert.Equal("db", pod.Metadata.Labels["tier"]);
        Assert.Null(pod.Metadata.OwnerReferences);
    }
}
