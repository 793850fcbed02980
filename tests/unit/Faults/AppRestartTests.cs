using k8s;
using k8s.Models;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using static KubeMesos.Tests.Unit.Faults.FaultKit;

namespace KubeMesos.Tests.Unit.Faults;

/// <summary>
/// Issue 11, fault 0: the default shape (one process, embedded master, SQLite) restarted while pods run. With the
/// embedded master's checkpoint the same pods keep running and the framework adopts them; without it (what every
/// restart did before) the master knows none of the tasks, and their pods end so that controllers replace them,
/// instead of staying Unknown for good.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class AppRestartTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-faults-");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _data.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Restart_DefaultShape_SamePodsStayRunning_FrameworkAdoptsThem()
    {
        await using var app = AppProcess.App(_data.FullName, SmallAgents(2, 10));
        await app.StartAsync(Ct);
        var client = Client(app);
        await client.CoreV1.CreateNamespacedReplicationControllerAsync(Rc("web", 3), "default", cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("solo"), "default", cancellationToken: Ct);
        var before = await WaitForPodsAsync(client, pods => pods.Count == 4 && pods.All(IsRunning), "4 pods running", app);
        var frameworkId = await FrameworkIdAsync(client);
        Assert.NotNull(frameworkId);

        // Ctrl+C of `dotnet run`: the host stops gracefully, the master's last checkpoint included.
        await app.StopAsync();
        await app.StartAsync(Ct);

        await ProbeAsync(client, "probe", app);
        var after = await PodsAsync(client);
        Report($"restart (checkpoint): pods before {before.Count} running, after {after.Count(IsRunning)} running of {after.Count}");
        Assert.Equal(Uids(before), Uids(after));
        Assert.All(after, p => Assert.True(IsRunning(p), $"{p.Metadata.Name} is {p.Status?.Phase}"));
        Assert.Equal(frameworkId, await FrameworkIdAsync(client));
        Assert.Empty(await WarningsAsync(client, TaskGone.Reason));
        await AssertStoreMatchesMasterAsync(client, app.Url, frameworkId!);
    }

    [Fact]
    public async Task Restart_MasterForgotEverything_PodsFailAsGone_ControllerReplacesThem()
    {
        // No checkpoint: the restarted master knows neither the agents nor the tasks (the bug of issue 11, fault 0).
        await using var app = AppProcess.App(_data.FullName, [.. SmallAgents(2, 10), "--Mesos:Embedded:CheckpointPath="]);
        await app.StartAsync(Ct);
        var client = Client(app);
        await client.CoreV1.CreateNamespacedReplicationControllerAsync(Rc("web", 3), "default", cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("solo"), "default", cancellationToken: Ct);
        var before = await WaitForPodsAsync(client, pods => pods.Count == 4 && pods.All(IsRunning), "4 pods running", app);

        await app.StopAsync();
        await app.StartAsync(Ct);

        var oldUids = Uids(before);
        var after = await WaitForPodsAsync(client, pods =>
                pods.Where(p => oldUids.Contains(p.Metadata.Uid)).All(p => p.Status?.Phase == PodPhases.Failed)
                && pods.Count(p => !oldUids.Contains(p.Metadata.Uid) && IsRunning(p)) == 3,
            "the old pods to fail and 3 replacements to run", app);

        Report($"restart (no checkpoint): pods before {before.Count} running; after: {after.Count(p => p.Status?.Phase == PodPhases.Failed)} bare pod(s) failed as gone (the controller removed its failed ones), {after.Count(IsRunning)} replacements running");
        foreach (var pod in after.Where(p => oldUids.Contains(p.Metadata.Uid)))
        {
            Assert.Equal(TaskGone.Reason, pod.Status.Reason);
            Assert.Contains("TASK_UNKNOWN", pod.Status.Message, StringComparison.Ordinal);
        }

        Assert.Equal(3, after.Count(p => Label(p, "app") == "web" && IsRunning(p)));
        Assert.Equal(4, (await WarningsAsync(client, TaskGone.Reason)).Select(e => e.InvolvedObject.Uid).Distinct().Count());
    }

    private static SortedSet<string> Uids(IEnumerable<V1Pod> pods) => new(pods.Select(p => p.Metadata.Uid), StringComparer.Ordinal);
}

/// <summary>The process fault tests run one at a time: each starts processes that want both cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "Process faults";
}
