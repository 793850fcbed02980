using k8s.Models;
using KubeMesos.Framework.Controllers;
using KubeMesos.Shared.Contracts;
using static KubeMesos.Tests.Unit.Framework.Controllers.ControllerFixtures;

namespace KubeMesos.Tests.Unit.Framework.Controllers;

public sealed class ReplicationDeciderTests
{
    [Fact]
    public void Decide_FewerPodsThanReplicas_CreatesTheDifference()
    {
        var plan = ReplicationDecider.Decide(Rc(3), [Pod("a")], Now);

        Assert.Equal(2, plan.CreateCount);
        Assert.Empty(plan.Delete);
        Assert.Equal(1, plan.Status.Replicas);
    }

    [Fact]
    public void Decide_CreateBeyondBurst_CappedAtBurst()
    {
        Assert.Equal(10, ReplicationDecider.Decide(Rc(50), [], Now, burst: 10).CreateCount);
    }

    [Fact]
    public void Decide_Surplus_DeletesUnscheduledThenPendingThenNotReadyThenNewest()
    {
        var pods = new[]
        {
            Pod("old-ready", ageSeconds: 300),
            Pod("new-ready", ageSeconds: 10),
            Pod("mid-ready", ageSeconds: 100),
            Pod("running-not-ready", ready: false),
            Pod("pending", phase: PodPhases.Pending),
            Pod("unscheduled", phase: null),
        };

        var plan = ReplicationDecider.Decide(Rc(1), pods, Now);

        Assert.Equal(["unscheduled", "pending", "running-not-ready", "new-ready", "mid-ready"], plan.Delete.Select(p => p.Metadata.Name));
        Assert.Equal(0, plan.CreateCount);
    }

    [Fact]
    public void Decide_MatchingOrphan_AdoptedAndCounted()
    {
        var plan = ReplicationDecider.Decide(Rc(2), [Pod("mine"), Pod("orphan", ownerUid: null)], Now);

        Assert.Equal("orphan", Assert.Single(plan.Adopt).Metadata.Name);
        Assert.Equal(0, plan.CreateCount);
        Assert.Equal(2, plan.Status.Replicas);
    }

    [Fact]
    public void Decide_OtherControllersPod_LeftAlone()
    {
        var plan = ReplicationDecider.Decide(Rc(1), [Pod("theirs", ownerUid: "other")], Now);

        Assert.Empty(plan.Adopt);
        Assert.Empty(plan.Delete);
        Assert.Equal(1, plan.CreateCount);
    }

    [Fact]
    public void Decide_OwnedPodRelabelledOut_ReleasedAndReplaced()
    {
        var plan = ReplicationDecider.Decide(Rc(2), [Pod("a"), Pod("moved", app: "debug")], Now);

        Assert.Equal("moved", Assert.Single(plan.Release).Metadata.Name);
        Assert.Equal(1, plan.CreateCount);
        Assert.Empty(plan.Delete);
    }

    [Fact]
    public void Decide_FailedPod_ReplacedAndDeleted()
    {
        var plan = ReplicationDecider.Decide(Rc(2), [Pod("a"), Pod("lost", phase: PodPhases.Failed)], Now);

        Assert.Equal(1, plan.CreateCount);
        Assert.Equal("lost", Assert.Single(plan.Delete).Metadata.Name);
        Assert.Equal(1, plan.Status.Replicas);
    }

    [Fact]
    public void Decide_TerminatingPod_NotCountedNotDeletedAgain()
    {
        var plan = ReplicationDecider.Decide(Rc(1), [Pod("going", terminating: true)], Now);

        Assert.Equal(1, plan.CreateCount);
        Assert.Empty(plan.Delete);
    }

    [Fact]
    public void Decide_Status_CountsReadyAvailableFullyLabeledAndGeneration()
    {
        var partlyLabeled = Pod("partly");
        partlyLabeled.Metadata.Labels.Remove("tier");
        var pods = new[] { Pod("a"), Pod("b", ready: false), Pod("c", phase: PodPhases.Pending), partlyLabeled };

        var status = ReplicationDecider.Decide(Rc(4, generation: 7), pods, Now).Status;

        Assert.Equal(4, status.Replicas);
        Assert.Equal(2, status.ReadyReplicas);
        Assert.Equal(2, status.AvailableReplicas);
        Assert.Equal(3, status.FullyLabeledReplicas);
        Assert.Equal(7, status.ObservedGeneration);
    }

    [Fact]
    public void Decide_MinReadySeconds_ReadyButNotYetAvailable()
    {
        var rc = Rc(1);
        rc.Spec.MinReadySeconds = 30; // the fixture's pods became ready 10 s ago

        var status = ReplicationDecider.Decide(rc, [Pod("a")], Now).Status;

        Assert.Equal(1, status.ReadyReplicas);
        Assert.Equal(0, status.AvailableReplicas);
    }

    [Fact]
    public void Decide_NoSelector_DefaultsToTemplateLabels()
    {
        var rc = Rc(1);
        rc.Spec.Selector = null;

        var plan = ReplicationDecider.Decide(rc, [Pod("orphan", ownerUid: null)], Now);

        Assert.Single(plan.Adopt);
        Assert.Equal(0, plan.CreateCount);
    }

    [Fact]
    public void NewPod_FromTemplate_OwnedAndNamedByGenerateName()
    {
        var rc = Rc(1);

        var pod = ReplicationDecider.NewPod(rc);

        Assert.Equal("web-", pod.Metadata.GenerateName);
        Assert.Null(pod.Metadata.Name);
        Assert.Equal("default", pod.Metadata.NamespaceProperty);
        Assert.Equal("front", pod.Metadata.Labels["tier"]);
        var owner = Assert.Single(pod.Metadata.OwnerReferences);
        Assert.Equal(("ReplicationController", "rc-uid", true), (owner.Kind, owner.Uid, owner.Controller == true));
        pod.Metadata.Labels["tier"] = "changed";
        Assert.Equal("front", rc.Spec.Template.Metadata.Labels["tier"]); // a copy, not the template itself
    }
}
