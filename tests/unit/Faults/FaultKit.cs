using System.Net.Http.Json;
using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Hubs;
using KubeMesos.Framework.Mesos.Client;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Faults;

/// <summary>What the process fault tests share: clients of the child app, waits on the cluster's state, and the figures.</summary>
internal static class FaultKit
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Kubernetes Client(AppProcess app) => new(new KubernetesClientConfiguration { Host = app.Url.ToString().TrimEnd('/') });

    public static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>Agents of <paramref name="count"/> × <paramref name="podsEach"/> default pods: memory is the limit
    /// (a pod without requests takes 64 MB plus its executor's 32 MB), so exactly that many pods fit.</summary>
    public static string[] SmallAgents(int count, int podsEach)
    {
        var args = new List<string>();
        for (var i = 0; i < count; i++)
        {
            args.Add($"--Mesos:Embedded:Agents:{i}:Hostname=agent-{i}");
            args.Add($"--Mesos:Embedded:Agents:{i}:Cpus={podsEach}");
            args.Add($"--Mesos:Embedded:Agents:{i}:Mem={podsEach * 96}");
            args.Add($"--Mesos:Embedded:Agents:{i}:Disk={podsEach * 100}");
        }

        return [.. args, "--Mesos:Embedded:TaskStepDelay=00:00:00.020", "--Mesos:Embedded:AllocationInterval=00:00:00.200"];
    }

    /// <summary>The app against a master running in its own process.</summary>
    public static string[] AgainstMaster(AppProcess master) =>
        [$"--Mesos:Master={master.MasterUrl}", "--Mesos:Embedded:Enabled=false", "--Mesos:MinReconnectDelay=00:00:00.200", "--Mesos:MaxReconnectDelay=00:00:02"];

    public static V1Pod Pod(string name, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
    };

    public static V1ReplicationController Rc(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = replicas,
            Selector = new Dictionary<string, string> { ["app"] = name },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx" }] },
            },
        },
    };

    public static async Task<IList<V1Pod>> PodsAsync(Kubernetes client) =>
        (await client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct)).Items;

    /// <summary>Lists the pods until <paramref name="condition"/> holds; the message names what was awaited and the last state.</summary>
    public static async Task<IList<V1Pod>> WaitForPodsAsync(Kubernetes client, Func<IList<V1Pod>, bool> condition, string what, AppProcess? app = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        IList<V1Pod> pods = [];
        try
        {
            while (true)
            {
                pods = await PodsAsync(client);
                if (condition(pods))
                {
                    return pods;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out waiting for {what}; pods: {Phases(pods)}\n{app?.RecentOutput}");
        }
    }

    public static string Phases(IEnumerable<V1Pod> pods) =>
        string.Join(", ", pods.GroupBy(p => $"{p.Status?.Phase ?? "-"}{(p.Status?.Reason is { } r ? "/" + r : "")}").Select(g => $"{g.Key}={g.Count()}"));

    /// <summary>
    /// Waits until the master process's checkpoint (under <paramref name="masterData"/>) holds at least
    /// <paramref name="running"/> RUNNING tasks. It is written on a timer, so a kill -9 right after a launch can miss
    /// the newest tasks (those then come back gone); a test of recovery from the checkpoint waits for it first.
    /// </summary>
    public static async Task WaitForCheckpointAsync(DirectoryInfo masterData, int running)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        var seen = 0;
        try
        {
            while (true)
            {
                seen = masterData.EnumerateFiles("checkpoint.json", SearchOption.AllDirectories).Select(RunningTasksIn).DefaultIfEmpty(0).Max();
                if (seen >= running)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out waiting for {running} RUNNING tasks in the master's checkpoint; it holds {seen}");
        }

        static int RunningTasksIn(FileInfo file)
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file.FullName));
                return json.RootElement.GetProperty("frameworks").EnumerateArray()
                    .SelectMany(f => f.GetProperty("tasks").EnumerateArray())
                    .Count(t => t.GetProperty("latestState").GetInt32() == (int)global::Mesos.V1.TaskState.TaskRunning);
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or KeyNotFoundException)
            {
                return 0; // being replaced right now: the next look sees the new file
            }
        }
    }

    public static string? Label(V1Pod pod, string key) =>
        pod.Metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    public static bool IsRunning(V1Pod pod) => pod.Status?.Phase == PodPhases.Running && pod.Metadata.DeletionTimestamp is null;

    public static bool IsUnscheduled(V1Pod pod) =>
        string.IsNullOrEmpty(pod.Spec.NodeName) && pod.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Reason == "Unschedulable") == true;

    public static string TaskIdOf(V1Pod pod) => PodTaskIds.Task(pod, pod.Spec.Containers[0].Name);

    /// <summary>The master's own task list, from its HTTP views (the app's <c>/api/operator/tasks</c> or a master process's).</summary>
    public static async Task<IReadOnlyList<EmbeddedTaskInfo>> MasterTasksAsync(Uri views)
    {
        using var http = new HttpClient();
        return (await http.GetFromJsonAsync<List<EmbeddedTaskInfo>>(new Uri(views, "api/operator/tasks"), Ct))!;
    }

    public static async Task<string?> FrameworkIdAsync(Kubernetes client)
    {
        var ns = await client.CoreV1.ReadNamespaceAsync(FrameworkIdStore.Namespace, cancellationToken: Ct);
        return ns.Metadata.Annotations is { } annotations && annotations.TryGetValue(FrameworkIdStore.Annotation, out var id) ? id : null;
    }

    public static async Task<IList<Corev1Event>> WarningsAsync(Kubernetes client, string reason) =>
        (await client.CoreV1.ListNamespacedEventAsync("default", cancellationToken: Ct)).Items
            .Where(e => e.Type == "Warning" && e.Reason == reason).ToList();

    /// <summary>
    /// A barrier after a restart: a new pod that runs went through the master after the reconciliation calls the
    /// framework sent on subscribing (calls are answered in order, and the stream is read in order), so once it runs
    /// every answer to that reconciliation has been applied to the store.
    /// </summary>
    public static async Task ProbeAsync(Kubernetes client, string name, AppProcess? app = null)
    {
        await client.CoreV1.CreateNamespacedPodAsync(Pod(name), "default", cancellationToken: Ct);
        await WaitForPodsAsync(client, pods => pods.Any(p => p.Metadata.Name == name && IsRunning(p)), $"probe {name} to run", app);
        await client.CoreV1.DeleteNamespacedPodAsync(name, "default", cancellationToken: Ct);
        await WaitForPodsAsync(client, pods => pods.All(p => p.Metadata.Name != name), $"probe {name} to go", app);
    }

    /// <summary>
    /// Checks the store against the master: every running pod's task runs there, once, and the master runs nothing else
    /// of ours. Terminal tasks whose last update is not yet acknowledged (a pod just deleted) are not live and are skipped.
    /// </summary>
    public static async Task AssertStoreMatchesMasterAsync(Kubernetes client, Uri views, string frameworkId)
    {
        var pods = await PodsAsync(client);
        var tasks = (await MasterTasksAsync(views)).Where(t => t.FrameworkId == frameworkId).ToList();
        Assert.Equal(tasks.Count, tasks.Select(t => t.TaskId).Distinct().Count());
        var live = tasks.Where(t => t.State is not ("TASK_KILLED" or "TASK_FINISHED" or "TASK_FAILED" or "TASK_LOST" or "TASK_ERROR")).ToList();
        Assert.All(live, t => Assert.Equal("TASK_RUNNING", t.State));
        var running = pods.Where(IsRunning).Select(TaskIdOf).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(running, live.Select(t => t.TaskId).Order(StringComparer.Ordinal).ToList());
    }
}

/// <summary>A SignalR client of <c>/hubs/cluster</c> that follows the scheduler status the dashboard's ConnectionChip shows.</summary>
internal sealed class SchedulerStatusWatch : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private readonly Lock _lock = new();
    private readonly List<SchedulerStatusView> _seen = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SchedulerStatusWatch(HubConnection connection)
    {
        _connection = connection;
        _reading = ReadAsync();
    }

    public static async Task<SchedulerStatusWatch> StartAsync(AppProcess app)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Url, ClusterHub.Path.TrimStart('/')))
            .AddJsonProtocol(options => ClusterHubJson.Configure(options.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync(FaultKit.Ct);
        return new SchedulerStatusWatch(connection);
    }

    public IReadOnlyList<SchedulerStatusView> Seen
    {
        get
        {
            lock (_lock)
            {
                return [.. _seen];
            }
        }
    }

    public async Task<SchedulerStatusView> WaitForAsync(Func<SchedulerStatusView, bool> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(FaultKit.Ct);
        timeout.CancelAfter(FaultKit.Timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_seen.Count > 0 && condition(_seen[^1]))
                {
                    return _seen[^1];
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!FaultKit.Ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for the scheduler status: {what}; seen {string.Join(" → ", Seen)}");
            }
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var change in _connection.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), _stop.Token))
            {
                var status = change switch
                {
                    Resynced r => r.Snapshot.Scheduler,
                    SchedulerStatusChanged s => s.Status,
                    _ => null,
                };
                if (status is not null)
                {
                    lock (_lock)
                    {
                        _seen.Add(status);
                        _changed.TrySetResult();
                        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HubException or IOException or InvalidOperationException)
        {
            // Stopped, or the app went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
