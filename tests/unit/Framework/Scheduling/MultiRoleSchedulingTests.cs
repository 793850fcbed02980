using k8s.Models;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using Microsoft.Extensions.DependencyInjection;
using MasterCall = Mesos.V1.Master.Call;

namespace KubeMesos.Tests.Unit.Framework.Scheduling;

/// <summary>Our scheduler as a MULTI_ROLE framework (<c>Mesos:Roles</c>) against the embedded master.</summary>
public sealed class MultiRoleSchedulingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PodAskingForARole_RunsOnAnOfferOfThatRole_ThenEveryRoleIsSuppressed()
    {
        await using var host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Roles:0"] = "web",
            ["Mesos:Roles:1"] = "batch",
            ["Mesos:Embedded:AgentCount"] = "2",
        });
        var master = host.Services.GetRequiredService<EmbeddedMesosMaster>();
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "the framework to subscribe");
        var framework = master.OperatorResponse(MasterCall.Types.Type.GetFrameworks)!.GetFrameworks.Frameworks.Single();
        Assert.Equal(["web", "batch"], framework.FrameworkInfo.Roles);

        await host.Pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "report", Annotations = new Dictionary<string, string> { [PodRoles.Annotation] = "batch" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox" }] },
        }, TestContext.Current.CancellationToken);
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods.TryGetValue("default/report", out var p) && p.Phase == PodPhases.Running, Timeout, "report Running");

        var task = master.OperatorResponse(MasterCall.Types.Type.GetTasks)!.GetTasks.Tasks.Single();
        Assert.All(task.Resources, r => Assert.Equal("batch", r.AllocationInfo.Role));

        // Nothing waits any more: both roles are suppressed, each once the last pod that could use it left the queue.
        await WaitAsync(() => master.SuppressedRolesOf(framework.FrameworkInfo.Id.Value) is ["batch", "web"], "both roles suppressed");
    }

    [Fact]
    public async Task PodAskingForARoleTheFrameworkLacks_WaitsWithAReason()
    {
        await using var host = await FrameworkHost.StartAsync(new Dictionary<string, string?> { ["Mesos:Role"] = "web" });
        await host.Pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "stray", Annotations = new Dictionary<string, string> { [PodRoles.Annotation] = "batch" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox" }] },
        }, TestContext.Current.CancellationToken);

        var snapshot = await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods.TryGetValue("default/stray", out var p) && p.Message is not null, Timeout, "stray explained");
        Assert.Equal("role 'batch' (kubemesos.io/role) is not one of the framework's roles (web, Mesos:Roles)", snapshot.Pods["default/stray"].Message);
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for {what}");
            }
        }
    }
}
