using k8s.Models;
using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using Microsoft.Extensions.DependencyInjection;
using static KubeMesos.Tests.Unit.Framework.Controllers.ControllerTestKit;

namespace KubeMesos.Tests.Unit.Framework.Controllers;

/// <summary>The replication manager against the embedded master: converge, heal after failures and a lost agent.</summary>
public sealed class ReplicationHealingIntegrationTests
{
    [Fact]
    public async Task Rc20_Converges_HealsAfterFailedTasksAndLostAgent()
    {
        await using var host = await FrameworkHost.StartAsync();
        var store = host.Services.GetRequiredService<IObjectStore>();
        var master = host.Services.GetRequiredService<EmbeddedMesosMaster>();
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, WaitTimeout, "the framework to subscribe");

        await store.CreateAsync(Service("web"), TestContext.Current.CancellationToken);
        await store.CreateAsync(Rc("web", 20), TestContext.Current.CancellationToken);
        await StoreWaiter.WaitForAsync(store, async ct => await SettledAsync(store, "web", 20, ct) && await EndpointsMatchAsync(store, "web", ct),
            WaitTimeout, "20 replicas running behind the service", () => DescribeAsync(store, "web"));
        var pods = await PodsAsync(store, "web", TestContext.Current.CancellationToken);
        Assert.All(pods, p => Assert.Matches("^web-[a-z0-9]{5}$", p.Metadata.Name));

        var frameworkId = Assert.Single(master.GetFrameworks()).Key;
        var failed = pods.Take(5).Select(p => p.Metadata.Name).ToHashSet();
        foreach (var pod in pods.Take(5))
        {
            Assert.True(master.FailTask(frameworkId, $"{pod.Metadata.Uid}.main"));
        }

        await StoreWaiter.WaitForAsync(store,
            async ct => await SettledAsync(store, "web", 20, ct) && (await PodsAsync(store, "web", ct)).All(p => !failed.Contains(p.Metadata.Name)),
            WaitTimeout, "20 replicas after 5 failed tasks, the failed pods deleted", () => DescribeAsync(store, "web"));

        var victim = (await PodsAsync(store, "web", TestContext.Current.CancellationToken)).First().Spec.NodeName;
        var victimId = master.GetAgents().Single(a => a.Hostname == victim).AgentId;
        Assert.True(master.RemoveAgent(victimId));

        await StoreWaiter.WaitForAsync(store,
            async ct => await SettledAsync(store, "web", 20, ct) && (await PodsAsync(store, "web", ct)).All(p => p.Spec.NodeName != victim)
                        && await EndpointsMatchAsync(store, "web", ct),
            WaitTimeout, "20 replicas on the remaining agents", () => DescribeAsync(store, "web"));
        var events = await host.EventsAsync();
        Assert.True(events.Where(e => e.Reason == "SuccessfulCreate" && e.InvolvedObject.Name == "web").Sum(e => e.Count) >= 25);
        Assert.Contains(events, e => e.Reason == "SuccessfulDelete" && e.Source.Component == ReplicationManager.Component);
    }
}

/// <summary>Scaling a replication controller up and down through its spec.</summary>
public sealed class ReplicationScalingIntegrationTests
{
    [Fact]
    public async Task Rc_ScaledTo50ThenTo3_Follows()
    {
        await using var host = await FrameworkHost.StartAsync();
        var store = host.Services.GetRequiredService<IObjectStore>();
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, WaitTimeout, "the framework to subscribe");
        await store.CreateAsync(Rc("api", 2), TestContext.Current.CancellationToken);
        await WaitSettledAsync(store, "api", 2, "2 replicas");

        await UpdateRcAsync(store, "api", rc => rc.Spec.Replicas = 50);
        await WaitSettledAsync(store, "api", 50, "50 replicas");

        await UpdateRcAsync(store, "api", rc => rc.Spec.Replicas = 3);
        await WaitSettledAsync(store, "api", 3, "3 replicas");
    }
}

/// <summary>Owner references across the controller's life: relabelled pods let go, deletion cascading or orphaning.</summary>
public sealed class ReplicationOwnershipIntegrationTests
{
    [Fact]
    public async Task PodRelabelledOut_ReplacedAndDroppedFromServiceEndpoints()
    {
        await using var host = await FrameworkHost.StartAsync();
        var store = host.Services.GetRequiredService<IObjectStore>();
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, WaitTimeout, "the framework to subscribe");
        await store.CreateAsync(Service("shop"), TestContext.Current.CancellationToken);
        await store.CreateAsync(Rc("shop", 3), TestContext.Current.CancellationToken);
        await StoreWaiter.WaitForAsync(store, async ct => await SettledAsync(store, "shop", 3, ct) && await EndpointsMatchAsync(store, "shop", ct),
            WaitTimeout, "3 replicas behind the service", () => DescribeAsync(store, "shop"));

        var moved = (await PodsAsync(store, "shop", TestContext.Current.CancellationToken))[0];
        moved.Metadata.Labels["app"] = "debug";
        await store.UpdateAsync(moved, TestContext.Current.CancellationToken);

        await StoreWaiter.WaitForAsync(store,
            async ct => await SettledAsync(store, "shop", 3, ct) && await EndpointsMatchAsync(store, "shop", ct)
                        && (await store.GetAsync<V1Pod>("default", moved.Metadata.Name, ct))?.Metadata.OwnerReferences is null,
            WaitTimeout, "a replacement, the moved pod released and out of the endpoints", () => DescribeAsync(store, "shop"));
        var endpoints = (await store.GetAsync<V1Endpoints>("default", "shop", TestContext.Current.CancellationToken))!;
        Assert.DoesNotContain(endpoints.Subsets.SelectMany(s => s.Addresses), a => a.TargetRef.Name == moved.Metadata.Name);
        Assert.Equal(PodPhases.Running, (await store.GetAsync<V1Pod>("default", moved.Metadata.Name, TestContext.Current.CancellationToken))!.Status.Phase);

        await store.DeleteAsync<V1Service>("default", "shop", cancellationToken: TestContext.Current.CancellationToken);
        await StoreWaiter.WaitForAsync(store, async ct => await store.GetAsync<V1Endpoints>("default", "shop", ct) is null, WaitTimeout, "the endpoints to go with the service");
    }

    [Fact]
    public async Task DeleteRc_CascadesToPods_UnlessOrphanAsked()
    {
        await using var host = await FrameworkHost.StartAsync();
        var store = host.Services.GetRequiredService<IObjectStore>();
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, WaitTimeout, "the framework to subscribe");
        await store.CreateAsync(Rc("gone", 2), TestContext.Current.CancellationToken);
        await store.CreateAsync(Rc("kept", 2), TestContext.Current.CancellationToken);
        await WaitSettledAsync(store, "gone", 2, "2 replicas of gone");
        await WaitSettledAsync(store, "kept", 2, "2 replicas of kept");

        await store.DeleteAsync<V1ReplicationController>("default", "gone", cancellationToken: TestContext.Current.CancellationToken);
        await UpdateRcAsync(store, "kept", rc => (rc.Metadata.Annotations ??= new Dictionary<string, string>())[DeletionHints.PropagationPolicyAnnotation] = DeletionHints.Orphan);
        await store.DeleteAsync<V1ReplicationController>("default", "kept", cancellationToken: TestContext.Current.CancellationToken);

        await StoreWaiter.WaitForAsync(store,
            async ct => (await PodsAsync(store, "gone", ct)).Count == 0
                        && (await PodsAsync(store, "kept", ct)) is { Count: 2 } kept && kept.All(p => p.Metadata.OwnerReferences is null && PodStates.IsActive(p)),
            WaitTimeout, "gone's pods deleted, kept's released", () => DescribeAsync(store, "kept"));
    }
}
