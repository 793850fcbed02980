using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using static KubeMesos.Tests.Unit.Support.ScriptedEvents;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Tests.Unit.Framework.Scheduling;

/// <summary>How the scheduler groups work: a burst of new pods shares one pass (and ACCEPT), and an update is acknowledged only once stored.</summary>
public sealed class PlacementBatchingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
    };

    private static async Task<(ScriptedMaster Master, FrameworkHost Host)> StartAsync(string linger, string launchMode = "TaskGroup")
    {
        var master = await ScriptedMaster.StartAsync();
        var host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Master"] = master.Address.ToString(),
            ["Mesos:Embedded:Enabled"] = "false",
            ["Scheduler:PlacementLinger"] = linger,
            ["Scheduler:LaunchMode"] = launchMode,
        });
        master.Send(Subscribed());
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "SUBSCRIBED");
        master.Send(Offer("O1"));
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Offers.ContainsKey("O1"), Timeout, "the offer");
        return (master, host);
    }

    [Fact]
    public async Task BurstOfNewPods_WithinTheLinger_OneAcceptForAll()
    {
        // A linger far longer than the creates take: the pass waits for the whole burst instead of spending the
        // agent's only offer on the first pod.
        var (master, host) = await StartAsync("00:00:02");
        await using var _ = master;
        await using var __ = host;

        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => host.Pods.CreateAsync(Pod($"web-{i}"), Ct)));

        var accept = await master.NextCallAsync(Call.Types.Type.Accept, Timeout);
        Assert.Equal(["O1"], accept.Accept.OfferIds.Select(o => o.Value));
        Assert.Equal(6, accept.Accept.Operations.Count);
        await FeedWaiter.WaitForAsync(host.Feed, s => Enumerable.Range(1, 6).All(i => s.Pods[$"default/web-{i}"].NodeName == "agent-0"), Timeout, "all six bound");
    }

    [Fact]
    public async Task OnePass_RefusedMultiContainerPod_DoesNotRefuseLookAlikeSinglePod()
    {
        // Plain LAUNCH cannot start two containers; that refusal is about the pod, not about what fits where, so a
        // single-container pod needing the same resources in the same pass is still placed.
        var (master, host) = await StartAsync("00:00:02", launchMode: "Task");
        await using var _ = master;
        await using var __ = host;
        static V1Container Container(string name, string cpu, string mem) => new()
        {
            Name = name, Image = "nginx",
            Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(mem) } },
        };

        await host.Pods.CreateAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "pair" }, Spec = new V1PodSpec { Containers = [Container("a", "250m", "64Mi"), Container("b", "250m", "64Mi")] } }, Ct);
        var single = await host.Pods.CreateAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "single" }, Spec = new V1PodSpec { Containers = [Container("main", "500m", "128Mi")] } }, Ct);

        var accept = await master.NextCallAsync(Call.Types.Type.Accept, Timeout);
        Assert.Equal([$"{single.Metadata.Uid}.main"], accept.Accept.Operations.Select(o => o.Launch.TaskInfos[0].TaskId.Value));
    }

    [Fact]
    public async Task StatusUpdate_AcknowledgedOnlyOnceStored()
    {
        var (master, host) = await StartAsync("00:00:00");
        await using var _ = master;
        await using var __ = host;
        await host.Pods.CreateAsync(Pod("web"), Ct);
        var taskId = (await master.NextCallAsync(Call.Types.Type.Accept, Timeout)).Accept.Operations[0].LaunchGroup.TaskGroup.Tasks[0].TaskId.Value;

        await StoreWaiter.WaitForAsync(host.Services.GetRequiredService<KubeMesos.Framework.Store.IObjectStore>(), async ct => (await host.Pods.GetAsync("default", "web", ct))?.Spec.NodeName == "agent-0", Timeout, "web bound");
        var bound = (await host.Pods.GetAsync("default", "web", Ct))!;

        // STARTING changes nothing a Kubernetes client sees: acknowledged without a write.
        master.Send(Update(taskId, TaskState.TaskStarting, uuid: true));
        await master.NextCallAsync(Call.Types.Type.Acknowledge, Timeout);
        Assert.Equal(bound.Metadata.ResourceVersion, (await host.Pods.GetAsync("default", "web", Ct))!.Metadata.ResourceVersion);

        master.Send(Update(taskId, TaskState.TaskRunning, uuid: true));
        var ack = await master.NextCallAsync(Call.Types.Type.Acknowledge, Timeout);

        // The ACK reached the master, so the store must already have what the update said.
        Assert.Equal(taskId, ack.Acknowledge.TaskId.Value);
        Assert.Equal(PodPhases.Running, (await host.Pods.GetAsync("default", "web", Ct))!.Status.Phase);
    }
}
