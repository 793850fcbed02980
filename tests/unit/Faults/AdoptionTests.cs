using k8s.Models;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using Mesos.V1;
using Mesos.V1.Scheduler;
using static KubeMesos.Tests.Unit.Support.ScriptedEvents;
using MesosTaskStatus = global::Mesos.V1.TaskStatus;

namespace KubeMesos.Tests.Unit.Faults;

/// <summary>
/// Issue 11, fault 2, its narrowest window: the scheduler died after its ACCEPT reached the master and before the pod's
/// binding was stored, so after the restart the pod is listed unbound while the master runs its task. The restarted
/// scheduler must ask first (explicit reconciliation of the pod's task ids) and adopt, never launch it a second time.
/// </summary>
public sealed class AdoptionTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _store = Directory.CreateTempSubdirectory("kubemesos-adopt-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _store.Delete(recursive: true);

    private Dictionary<string, string?> Settings(ScriptedMaster master) => new()
    {
        ["Store:Path"] = _store.FullName,
        ["Mesos:Master"] = master.Address.ToString(),
        ["Mesos:Embedded:Enabled"] = "false",
        ["Mesos:MinReconnectDelay"] = "00:00:00.050",
        ["Scheduler:OfferHoldTime"] = "00:00:00.300",
        ["Scheduler:HousekeepingInterval"] = "00:00:00.100",
    };

    /// <summary>A pod stored unbound by a first run that never placed it; returns its task id.</summary>
    private async Task<string> StoreUnboundPodAsync()
    {
        await using var master = await ScriptedMaster.StartAsync();
        await using var host = await FrameworkHost.StartAsync(Settings(master));
        var pod = await host.Pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
        }, Ct);
        return $"{pod.Metadata.Uid}.main";
    }

    private async Task<(ScriptedMaster Master, FrameworkHost Host, Call Reconcile)> RestartAsync(string taskId)
    {
        var master = await ScriptedMaster.StartAsync();
        var host = await FrameworkHost.StartAsync(Settings(master));
        master.Send(Subscribed());
        master.Send(Offer("O1"));
        // The explicit reconciliation names the unbound pod's task, without an agent (the scheduler does not know one).
        while (true)
        {
            var reconcile = await master.NextCallAsync(Call.Types.Type.Reconcile, Timeout);
            if (reconcile.Reconcile.Tasks.Any(t => t.TaskId.Value == taskId))
            {
                Assert.Null(reconcile.Reconcile.Tasks.Single(t => t.TaskId.Value == taskId).AgentId);
                return (master, host, reconcile);
            }
        }
    }

    [Fact]
    public async Task Restart_MasterRunsTheUnboundPodsTask_Adopted_NotLaunchedAgain()
    {
        var taskId = await StoreUnboundPodAsync();
        var (master, host, _) = await RestartAsync(taskId);
        await using var _m = master;
        await using var _h = host;

        master.Send(Update(taskId, TaskState.TaskRunning, uuid: false, MesosTaskStatus.Types.Reason.Reconciliation));
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods.TryGetValue("default/web", out var p) && p.Phase == PodPhases.Running, Timeout, "web adopted and Running");
        var pod = await host.Pods.GetAsync("default", "web", Ct);
        Assert.Equal("agent-0", pod!.Spec.NodeName);
        Assert.Contains(await host.EventsAsync(), e => e.Reason == "Adopted" && e.InvolvedObject.Name == "web");

        // The offer that was there all along goes back unused: the pod was never launched a second time.
        var decline = await master.NextCallAsync(Call.Types.Type.Decline, Timeout);
        Assert.Equal(["O1"], decline.Decline.OfferIds.Select(o => o.Value));
    }

    [Fact]
    public async Task Restart_MasterDoesNotKnowTheTask_PodPlacedOnce()
    {
        var taskId = await StoreUnboundPodAsync();
        var (master, host, _) = await RestartAsync(taskId);
        await using var _m = master;
        await using var _h = host;

        master.Send(Update(taskId, TaskState.TaskUnknown, uuid: false, MesosTaskStatus.Types.Reason.Reconciliation));
        var accept = await master.NextCallAsync(Call.Types.Type.Accept, Timeout);
        Assert.Equal(taskId, accept.Accept.Operations[0].LaunchGroup.TaskGroup.Tasks[0].TaskId.Value);
    }
}
