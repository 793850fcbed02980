using k8s;
using k8s.Models;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using static KubeMesos.Tests.Unit.Faults.FaultKit;

namespace KubeMesos.Tests.Unit.Faults;

/// <summary>
/// Issue 11, faults 1 and 2: the master in its own process (<c>master</c> command), the app killed with SIGKILL while
/// 500 pods run and 100 wait for room, then restarted on the same store. Every pod is checked against the master's
/// own task list: none lost, none launched twice, no controller over-creates.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class SchedulerCrashTests : IAsyncLifetime
{
    private const int Agents = 5;
    private const int PodsPerAgent = 100;
    private const int Controllers = 4;
    private const int Replicas = 100;
    private const int BarePods = 200;

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-faults-");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _data.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task KillScheduler_500Running100Pending_RestartAdoptsAll_LaunchesPendingOnce()
    {
        await using var master = AppProcess.Master(_data.CreateSubdirectory("master").FullName, SmallAgents(Agents, PodsPerAgent));
        await master.StartAsync(Ct);
        await using var app = AppProcess.App(_data.CreateSubdirectory("app").FullName, AgainstMaster(master));
        await app.StartAsync(Ct);
        var client = Client(app);

        for (var i = 0; i < Controllers; i++)
        {
            await client.CoreV1.CreateNamespacedReplicationControllerAsync(Rc($"rc{i}", Replicas), "default", cancellationToken: Ct);
        }

        await Parallel.ForAsync(0, BarePods, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (i, ct) => await client.CoreV1.CreateNamespacedPodAsync(Pod($"bare-{i}", new Dictionary<string, string> { ["kind"] = "bare" }), "default", cancellationToken: ct));
        const int capacity = Agents * PodsPerAgent;
        const int total = (Controllers * Replicas) + BarePods;
        var before = await WaitForPodsAsync(client,
            pods => pods.Count == total && pods.Count(IsRunning) == capacity && pods.Count(IsUnscheduled) == total - capacity,
            $"{capacity} running and {total - capacity} waiting for room", app);
        var frameworkId = await FrameworkIdAsync(client);
        Assert.NotNull(frameworkId);
        var tasksBefore = await MasterTasksAsync(master.Url);
        Assert.Equal(capacity, tasksBefore.Count(t => t.State == "TASK_RUNNING"));

        await app.KillAsync();
        // The cluster runs on without its scheduler.
        Assert.Equal(capacity, (await MasterTasksAsync(master.Url)).Count(t => t.State == "TASK_RUNNING"));
        await app.StartAsync(Ct);

        // Room for the waiting pods: 100 running bare pods are deleted; only then may the waiting ones launch.
        var runningBefore = before.Where(IsRunning).ToDictionary(p => p.Metadata.Uid, StringComparer.Ordinal);
        var deleted = before.Where(p => IsRunning(p) && Label(p, "kind") == "bare").Take(total - capacity).Select(p => p.Metadata.Name).ToList();
        var pendingBefore = before.Where(IsUnscheduled).Select(p => p.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        await Parallel.ForEachAsync(deleted, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (name, ct) => await client.CoreV1.DeleteNamespacedPodAsync(name, "default", cancellationToken: ct));

        var after = await WaitForPodsAsync(client,
            pods => pods.Count == capacity && pods.All(IsRunning),
            $"{capacity} running after the deletes", app);

        // Adopted: every pod that ran before and was not deleted is the same pod on the same agent, still Running.
        var adopted = after.Where(p => runningBefore.ContainsKey(p.Metadata.Uid)).ToList();
        Assert.Equal(capacity - deleted.Count, adopted.Count);
        Assert.All(adopted, p => Assert.Equal(runningBefore[p.Metadata.Uid].Spec.NodeName, p.Spec.NodeName));
        // Launched once: the waiting pods run now, under their own uids (no replacement pods appeared).
        var launched = after.Where(p => pendingBefore.Contains(p.Metadata.Uid)).ToList();
        Assert.Equal(pendingBefore.Count, launched.Count);
        Assert.DoesNotContain(after, p => p.Status?.Phase == PodPhases.Failed);
        // Controllers did not over-create.
        for (var i = 0; i < Controllers; i++)
        {
            Assert.Equal(Replicas, after.Count(p => Label(p, "app") == $"rc{i}"));
        }

        Assert.Equal(frameworkId, await FrameworkIdAsync(client));
        await AssertStoreMatchesMasterAsync(client, master.Url, frameworkId!);
        var tasksAfter = await MasterTasksAsync(master.Url);
        var lost = runningBefore.Count - adopted.Count - deleted.Count;
        var twice = tasksAfter.Count - tasksAfter.Select(t => t.TaskId).Distinct().Count();
        Report($"scheduler kill -9: before {before.Count(IsRunning)} running + {pendingBefore.Count} pending; after restart {adopted.Count} adopted, "
               + $"{deleted.Count} deleted, {launched.Count} pending launched once, {after.Count(IsRunning)} running = master's {tasksAfter.Count} tasks; lost {lost}, launched twice {twice}");
        Assert.Equal(0, lost);
        Assert.Equal(0, twice);
    }

    [Fact]
    public async Task KillSchedulerMidLaunchBurst_RestartAdoptsWhatTheMasterRuns_NoPodLaunchedTwice()
    {
        const int pods = 300;
        await using var master = AppProcess.Master(_data.CreateSubdirectory("master").FullName, SmallAgents(Agents, PodsPerAgent));
        await master.StartAsync(Ct);
        await using var app = AppProcess.App(_data.CreateSubdirectory("app").FullName, AgainstMaster(master));
        await app.StartAsync(Ct);
        var client = Client(app);
        await Parallel.ForAsync(0, pods, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (i, ct) => await client.CoreV1.CreateNamespacedPodAsync(Pod($"burst-{i}"), "default", cancellationToken: ct));

        // Killed while launches are in flight: some ACCEPTs reached the master before their pods' bindings were stored.
        var before = await WaitForPodsAsync(client, p => p.Count(IsRunning) >= 30, "the first pods to run", app);
        await app.KillAsync();
        var tasksAtKill = await MasterTasksAsync(master.Url);
        await app.StartAsync(Ct);

        var after = await WaitForPodsAsync(client, p => p.Count == pods && p.All(IsRunning), $"all {pods} running", app);
        var frameworkId = await FrameworkIdAsync(client);
        await AssertStoreMatchesMasterAsync(client, master.Url, frameworkId!);
        var unbound = before.Count(p => string.IsNullOrEmpty(p.Spec.NodeName));
        Report($"scheduler kill -9 mid-burst: {before.Count(IsRunning)} running and {unbound} unbound in the store at the kill, master had {tasksAtKill.Count} tasks; "
               + $"after restart {after.Count(IsRunning)} of {pods} running, store = master, failed {after.Count(p => p.Status?.Phase == PodPhases.Failed)}");
    }
}
