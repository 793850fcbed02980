using System.Globalization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using static KubeMesos.Tests.Unit.Faults.FaultKit;

namespace KubeMesos.Tests.Unit.Faults;

/// <summary>
/// Issue 11, fault 3: the master process dies (SIGKILL) and comes back, once from its checkpoint (its agents and tasks)
/// and once fresh (no state). The framework reconnects with backoff, the hub's scheduler status (what the dashboard's
/// ConnectionChip shows) says disconnected while it lasts, and after reconciliation the store matches the master.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class MasterLossTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-faults-");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _data.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task MasterDies_BackWithCheckpoint_ThenFresh_FrameworkReconnects_StoreMatchesMaster()
    {
        var masterData = _data.CreateSubdirectory("master");
        await using var master = AppProcess.Master(masterData.FullName, SmallAgents(2, 10));
        await master.StartAsync(Ct);
        await using var app = AppProcess.App(_data.CreateSubdirectory("app").FullName, AgainstMaster(master));
        await app.StartAsync(Ct);
        await using var status = await SchedulerStatusWatch.StartAsync(app);
        var client = Client(app);
        await client.CoreV1.CreateNamespacedReplicationControllerAsync(Rc("web", 3), "default", cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("solo"), "default", cancellationToken: Ct);
        var before = await WaitForPodsAsync(client, pods => pods.Count == 4 && pods.All(IsRunning), "4 pods running", app);
        var frameworkId = (await status.WaitForAsync(s => s.Connected, "connected")).FrameworkId;
        Assert.NotNull(frameworkId);

        // (a) The master dies and comes back with its checkpoint: the same tasks, the same pods.
        await WaitForCheckpointAsync(masterData, 4);
        await master.KillAsync();
        var down = await status.WaitForAsync(s => !s.Connected, "disconnected while the master is down");
        Assert.Equal(frameworkId, down.FrameworkId);
        // It retries with a growing backoff (doubling from Mesos:MinReconnectDelay, with jitter) while the master is away.
        var retries = await app.WaitForOutputAsync("resubscribing in", 3, FaultKit.Timeout, Ct);
        var delays = retries.TakeLast(3).Select(l => double.Parse(Regex.Match(l, @"resubscribing in (\d+) ms").Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(delays[0] < delays[1] && delays[1] < delays[2], $"backoff grows: {string.Join(", ", delays)} ms");
        Assert.False((await status.WaitForAsync(_ => true, "status")).Connected, "still shown disconnected while the master is down");
        await master.StartAsync(Ct);
        var back = await status.WaitForAsync(s => s.Connected, "reconnected");
        Assert.Equal(frameworkId, back.FrameworkId);
        await ProbeAsync(client, "probe-a", app);
        var afterCheckpoint = await PodsAsync(client);
        Assert.Equal(Uids(before), Uids(afterCheckpoint));
        Assert.All(afterCheckpoint, p => Assert.True(IsRunning(p), $"{p.Metadata.Name} is {p.Status?.Phase}"));
        await AssertStoreMatchesMasterAsync(client, master.Url, frameworkId!);
        Report($"master kill -9, back from checkpoint: resubscribe backoff {string.Join(" → ", delays)} ms; pods before {before.Count} running, after {afterCheckpoint.Count(IsRunning)} running; lost 0");

        // (b) The master dies and comes back without any state: none of the tasks exist any more.
        await master.KillAsync();
        await status.WaitForAsync(s => !s.Connected, "disconnected again");
        foreach (var entry in masterData.EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        await master.StartAsync(Ct);
        Assert.Equal(frameworkId, (await status.WaitForAsync(s => s.Connected, "reconnected to the fresh master")).FrameworkId);
        var old = Uids(before);
        var afterFresh = await WaitForPodsAsync(client, pods =>
                pods.Where(p => old.Contains(p.Metadata.Uid)).All(p => p.Status?.Phase == PodPhases.Failed)
                && pods.Count(p => !old.Contains(p.Metadata.Uid) && IsRunning(p) && Label(p, "app") == "web") == 3,
            "the old pods to fail as gone and 3 replacements to run", app);
        Assert.All(afterFresh.Where(p => old.Contains(p.Metadata.Uid)), p => Assert.Equal(TaskGone.Reason, p.Status.Reason));
        await AssertStoreMatchesMasterAsync(client, master.Url, frameworkId!);
        Assert.True(status.Seen.Count(s => !s.Connected) >= 2, "the hub reported both disconnections");
        Report($"master kill -9, back fresh: pods before {before.Count} running; after {afterFresh.Count(IsRunning)} running (replacements), "
               + $"{afterFresh.Count(p => p.Status?.Phase == PodPhases.Failed)} failed as gone kept; store = master");
    }

    private static SortedSet<string> Uids(IEnumerable<V1Pod> pods) => new(pods.Select(p => p.Metadata.Uid), StringComparer.Ordinal);
}
