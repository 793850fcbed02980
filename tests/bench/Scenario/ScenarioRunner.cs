using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using k8s;
using k8s.Models;
using KubeMesos.Bench.Micro;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Dashboard.Hubs;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static KubeMesos.Bench.Scenario.Stats;

namespace KubeMesos.Bench.Scenario;

/// <summary>
/// The scale scenario: the whole app (dashboard host, Kubernetes API, framework, embedded master) on loopback, a burst
/// of pods created through the API, then steady churn watched by a SignalR client, then the pure-wire baseline.
/// Prints one markdown table. Client and server share this process, so memory figures include the client's share.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Most warm-up rounds, and the methods compiled in a round below which the process counts as warm.</summary>
    private const int WarmupRounds = 5;

    private const int WarmSettledMethods = 200;

    private const string RunningFromCreate = "pods placed+Running /s (first create → all Running)";

    public static async Task<int> RunAsync(ScenarioOptions o)
    {
        using var timeout = new CancellationTokenSource(o.Timeout);
        var ct = timeout.Token;
        var rows = new List<(string Figure, string Value, string Goal)>();
        Console.WriteLine($"# scenario {o}");
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, GC server={System.Runtime.GCSettings.IsServerGC}");
        try
        {
            var perAccept = await RunFrameworkAsync(o, rows, ct).ConfigureAwait(false);
            if (o.Baseline)
            {
                // After a warm-up the first offer came before it, so a warm burst counts from its first create.
                var ours = rows.First(r => r.Figure == (o.WarmupPods > 0 ? RunningFromCreate : "pods placed+Running /s (first offer → all Running)"));
                Progress("pure-wire baseline", force: true);
                var b = await PureWireBaseline.RunAsync(o, perAccept, ct).ConfigureAwait(false);
                rows.Add(("pure wire: tasks Running /s (first offer → all Running)", F(b.TasksPerSecond), "the limit"));
                rows.Add(("pure wire: first offer → all Running", $"{F(b.FirstOfferToAllRunningMs)} ms", ""));
                rows.Add(("pure wire: ACCEPTs / ACKNOWLEDGEs / offers", $"{b.Accepts} / {b.Acknowledges} / {b.Offers}", ""));
                var ratio = double.Parse(ours.Value, System.Globalization.CultureInfo.InvariantCulture) / b.TasksPerSecond;
                rows.Add(("ours as a share of pure wire" + (o.WarmupPods > 0 ? " (ours from the first create)" : ""), $"{F(100 * ratio)} %", "≥ 50 %"));
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            rows.Add(("TIMED OUT", $"after {o.Timeout.TotalSeconds} s", ""));
        }

        Console.WriteLine();
        Console.WriteLine("| Figure | Measured | Goal |");
        Console.WriteLine("|---|---|---|");
        foreach (var (figure, value, goal) in rows)
        {
            Console.WriteLine($"| {figure} | {value} | {goal} |");
        }

        return rows.Any(r => r.Figure == "TIMED OUT") ? 2 : 0;
    }

    /// <returns>Pods per ACCEPT the scheduler used, for the baseline to match.</returns>
    private static async Task<int> RunFrameworkAsync(ScenarioOptions o, List<(string, string, string)> rows, CancellationToken ct)
    {
        var data = Directory.CreateTempSubdirectory("kubemesos-bench-").FullName;
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            // The scenario measures scheduling: no sign-in, and 10,000 creates as fast as they go.
            "--Auth:Mode=Unsecured",
            "--RateLimit:Enabled=false",
            $"--Store:Path={data}",
            "--Mesos:Embedded:Port=0",
            $"--Mesos:Embedded:AgentCount={o.Agents}",
            $"--Mesos:Embedded:TaskStepDelay={o.TaskStepDelay:c}",
            $"--Mesos:Embedded:AllocationInterval={o.AllocationInterval:c}",
            // The recorder must see every change (a resync would blur the timestamps); the hub's subscription too.
            "--ClusterFeed:SubscriberCapacity=1000000",
            "--Logging:LogLevel:Default=Warning",
        ];
        var app = DashboardApplication.Build(args, builder =>
        {
            if (o.Store == "memory")
            {
                builder.Services.RemoveAll<IObjectStore>();
                builder.Services.AddSingleton<IObjectStore>(_ => new InMemoryObjectStore());
            }
        });
        var sampler = new MemorySampler();
        try
        {
            var feed = app.Services.GetRequiredService<IClusterFeed>();
            var recorder = new FeedRecorder();
            using var subscription = feed.Subscribe();
            using var stopRecorder = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var recording = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var batch = await subscription.ReadBatchAsync(stopRecorder.Token).ConfigureAwait(false);
                        if (batch.Count == 0)
                        {
                            return;
                        }

                        foreach (var change in batch)
                        {
                            recorder.Record(change);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }, CancellationToken.None);

            var started = Stopwatch.GetTimestamp();
            await app.StartAsync(ct).ConfigureAwait(false);
            var baseUrl = app.BoundAddresses()[0];
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            var pods = app.Services.GetRequiredService<IPodService>();

            // Every agent offered before the burst, so "first offer" and "first create" are close together.
            while (recorder.Offers < o.Agents)
            {
                await Task.Delay(20, ct).ConfigureAwait(false);
                Progress($"waiting for offers: {recorder.Offers}/{o.Agents}");
            }

            var offersReady = Stopwatch.GetTimestamp();
            var (wsIdle, heapIdle) = AfterFullGc();
            rows.Add(("agents offered (start → all offers in)", $"{o.Agents} in {F(Ms(started, offersReady))} ms", ""));
            rows.Add(("idle working set / managed heap (after GC)", $"{Mb(wsIdle)} / {Mb(heapIdle)} MB", ""));
            sampler.Reset();

            if (o.WarmupPods > 0)
            {
                var (rounds, lastCompiled) = await WarmUpAsync(o, http, pods, recorder, ct).ConfigureAwait(false);
                rows.Add(("warm-up before the burst: rounds (pods created, Running and deleted: the first round, each later one); methods compiled in the last round", $"{rounds} ({o.WarmupPods}, {LaterRoundPods(o)}); {lastCompiled}", ""));
                sampler.Reset();
            }

            // The burst (announced, so that a profiler can attach for it alone).
            Progress($"burst: creating {o.Pods} pods", force: true);
            var created = new long[o.Pods];
            var burstStart = Stopwatch.GetTimestamp();
            // CPU time, unlike wall time, hardly changes when other work shares the machine: the fairer figure on a busy box.
            var cpuAtBurst = Process.GetCurrentProcess().TotalProcessorTime;
            // Bytes allocated barely depend on the machine's load either: the figure to compare changes by.
            var allocatedAtBurst = GC.GetTotalAllocatedBytes(precise: true);
            var gcsAtBurst = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var gcPauseAtBurst = GC.GetTotalPauseDuration();
            // The burst comes seconds after start-up, so part of its CPU is the JIT compiling (and re-compiling at tier 1) the paths it runs.
            var (jitAtBurst, jittedAtBurst) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
            await Parallel.ForEachAsync(Enumerable.Range(0, o.Pods), new ParallelOptions { MaxDegreeOfParallelism = o.CreateConcurrency, CancellationToken = ct },
                async (i, token) =>
                {
                    var pod = Fixtures.Pod(i);
                    pod.Metadata.Name = $"burst-{i:D5}";
                    created[i] = Stopwatch.GetTimestamp();
                    await CreateAsync(o, http, pods, pod, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
            var burstCreated = Stopwatch.GetTimestamp();
            var names = Enumerable.Range(0, o.Pods).Select(i => $"default/burst-{i:D5}").ToArray();
            Progress($"burst created in {F(Ms(burstStart, burstCreated))} ms", force: true);
            while (names.Any(n => !recorder.Running.ContainsKey(n)))
            {
                await Task.Delay(50, ct).ConfigureAwait(false);
                Progress($"burst: placed {recorder.Placed.Count}, Running {recorder.Running.Count}/{o.Pods}, offers {recorder.Offers}");
            }

            var lastRunning = names.Max(n => recorder.Running[n]);
            var burstCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtBurst;
            var burstAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedAtBurst;
            var burstGcs = (GC.CollectionCount(0) - gcsAtBurst.Item1, GC.CollectionCount(1) - gcsAtBurst.Item2, GC.CollectionCount(2) - gcsAtBurst.Item3);
            var burstGcPause = GC.GetTotalPauseDuration() - gcPauseAtBurst;
            var burstJit = System.Runtime.JitInfo.GetCompilationTime() - jitAtBurst;
            var burstJitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jittedAtBurst;
            var firstPlaced = names.Min(n => recorder.Placed[n]);
            var lastPlaced = names.Max(n => recorder.Placed[n]);
            var firstOffer = recorder.FirstOffer;
            var fromOfferMs = Ms(firstOffer, lastRunning);
            var latencies = Enumerable.Range(0, o.Pods).Select(i => Ms(created[i], recorder.Running[names[i]])).ToList();
            var accepts = names.Select(n => recorder.OfferOfPod[n]).Distinct(StringComparer.Ordinal).Count();
            var offersInBurst = recorder.Offers;
            rows.Add(("pods created through the API /s", F(o.Pods / (Ms(burstStart, burstCreated) / 1000)), $"({o.Api}, {o.CreateConcurrency} concurrent)"));
            rows.Add(("pods placed /s (first create → last placed)", F(o.Pods / (Ms(burstStart, lastPlaced) / 1000)), "≥ 2,000"));
            rows.Add(("pods placed /s (first placed → last placed)", F(o.Pods / (Ms(firstPlaced, lastPlaced) / 1000)), ""));
            rows.Add(("pods placed+Running /s (first offer → all Running)", F(o.Pods / (fromOfferMs / 1000)), ""));
            rows.Add((RunningFromCreate, F(o.Pods / (Ms(burstStart, lastRunning) / 1000)), ""));
            rows.Add(("first create → all Running", $"{F(Ms(burstStart, lastRunning))} ms", ""));
            rows.Add(("first offer → all Running", $"{F(fromOfferMs)} ms (first offer → first create {F(Ms(firstOffer, burstStart))} ms)", "≤ 5,000 ms"));
            rows.Add(("create → Running p50 / p99", $"{F(Percentile(latencies, 50))} / {F(Percentile(latencies, 99))} ms", $"(includes 2 × {o.TaskStepDelay.TotalMilliseconds} ms simulated task steps)"));
            rows.Add(("CPU time of the whole process in the burst (API client and server, scheduler, master): total, per 1,000 pods, share of the wall time × cores",
                $"{F(burstCpu.TotalSeconds, "F1")} s, {F(burstCpu.TotalMilliseconds / (o.Pods / 1000.0))} ms, {F(100 * burstCpu.TotalMilliseconds / (Ms(burstStart, lastRunning) * Environment.ProcessorCount))} %", ""));
            rows.Add(("… of which JIT compilation (methods compiled in the burst)", $"{F(burstJit.TotalSeconds, "F1")} s ({burstJitted})", ""));
            rows.Add(("managed bytes allocated in the burst: total, per pod; collections gen0 / gen1 / gen2",
                $"{Mb(burstAllocated)} MB, {F(burstAllocated / 1024.0 / o.Pods, "F1")} KiB; {burstGcs.Item1} / {burstGcs.Item2} / {burstGcs.Item3}", ""));
            // Time the program's threads were stopped for the collections (background gen2 work is not in it).
            rows.Add(("… the collections' pauses in the burst", $"{F(burstGcPause.TotalSeconds, "F2")} s", ""));
            rows.Add(("ACCEPTs (pods per ACCEPT)", $"{accepts} ({F((double)o.Pods / accepts, "F1")})", ""));
            rows.Add(("offers handled /s (first offer → all Running)", $"{F(offersInBurst / (fromOfferMs / 1000))} ({offersInBurst} offers)", ""));
            rows.Add(("peak working set / managed heap during burst", $"{Mb(sampler.PeakWorkingSet)} / {Mb(sampler.PeakManagedHeap)} MB", "≤ 200 MB"));
            var (wsAfter, heapAfter) = AfterFullGc();
            rows.Add(($"retained after burst ({o.Pods} pods, {o.Agents} agents; after GC)", $"{Mb(wsAfter)} / {Mb(heapAfter)} MB", "≤ 200 MB working set"));
            var gc = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            rows.Add(("… GC committed / of which free (after GC): what the working set holds beyond the heap", $"{Mb(gc.TotalCommittedBytes)} / {Mb(gc.TotalCommittedBytes - gc.HeapSizeBytes)} MB", ""));
            // What the process still holds once the runtime has given back all it can (an aggressive collection also
            // returns the free committed memory to the system, which the GC otherwise does gradually at later collections).
            rows.Add(("… working set after an aggressive GC (free memory given back)", $"{Mb(AfterAggressiveGc())} MB", ""));
            await HeapDumpHold.AtAsync("the retained state after the burst", ct).ConfigureAwait(false);

            var events = (await app.Services.GetRequiredService<IObjectStore>().ListAsync<Corev1Event>(new StoreListOptions(), ct).ConfigureAwait(false)).Items;
            rows.Add(("Kubernetes Events written in the burst (FailedScheduling / Scheduled; count incl. repeats)",
                $"{events.Count(e => e.Reason == "FailedScheduling")} / {events.Count(e => e.Reason == "Scheduled")} ({events.Sum(e => e.Count ?? 1)})", ""));
            rows.Add(("feed resyncs seen by the recorder", recorder.Resyncs.ToString(System.Globalization.CultureInfo.InvariantCulture), "0"));

            if (o.ChurnSeconds > 0)
            {
                await ChurnAsync(o, http, pods, baseUrl, rows, ct).ConfigureAwait(false);
            }

            await stopRecorder.CancelAsync().ConfigureAwait(false);
            await recording.ConfigureAwait(false);
            return Math.Max(1, (int)Math.Round((double)o.Pods / accepts));
        }
        finally
        {
            await sampler.DisposeAsync().ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// Every 1/rate s one new pod and one deletion of a burst pod (the count stays flat), watched by a SignalR client on
    /// /hubs/cluster: create → first seen in the stream (the browser's view) and create → Running in the stream.
    /// </summary>
    private static async Task ChurnAsync(ScenarioOptions o, HttpClient http, IPodService pods, string baseUrl, List<(string, string, string)> rows, CancellationToken ct)
    {
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), ClusterHub.Path))
            .AddJsonProtocol(options => ClusterHubJson.Configure(options.PayloadSerializerOptions))
            .Build();
        await hub.StartAsync(ct).ConfigureAwait(false);
        var browser = new FeedRecorder();
        using var stopHub = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var initial = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in hub.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), stopHub.Token).ConfigureAwait(false))
                {
                    browser.Record(change);
                    initial.TrySetResult();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
        await initial.Task.WaitAsync(ct).ConfigureAwait(false);

        var (ws0, heap0) = AfterFullGc();
        // The burst's figures ended with an aggressive collection, which gives free committed memory back: the churn's
        // working set is compared both ways, after a plain full collection (what the GC keeps committed by its own
        // policy) and after an aggressive one at each end (what the process holds).
        var wsKept0 = AfterAggressiveGc();
        var total = o.ChurnSeconds * o.ChurnRate;
        var created = new long[total];
        var requests = new List<Task>(total * 2);
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / o.ChurnRate)))
        {
            for (var i = 0; i < total && await timer.WaitForNextTickAsync(ct).ConfigureAwait(false); i++)
            {
                var pod = Fixtures.Pod(i);
                pod.Metadata.Name = $"churn-{i:D5}";
                created[i] = Stopwatch.GetTimestamp();
                requests.Add(CreateAsync(o, http, pods, pod, ct));
                if (i < o.Pods)
                {
                    requests.Add(DeleteAsync(o, http, pods, $"burst-{i:D5}", ct));
                }
            }
        }

        await Task.WhenAll(requests).ConfigureAwait(false);
        Progress("churn requests done", force: true);
        var names = Enumerable.Range(0, total).Select(i => $"default/churn-{i:D5}").ToArray();
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        while (names.Any(n => !browser.Running.ContainsKey(n)) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        var (ws1, heap1) = AfterFullGc();
        var wsKept1 = AfterAggressiveGc();
        var seen = names.Select((n, i) => browser.FirstSeen.TryGetValue(n, out var t) ? Ms(created[i], t) : double.NaN).Where(v => !double.IsNaN(v)).ToList();
        var running = names.Select((n, i) => browser.Running.TryGetValue(n, out var t) ? Ms(created[i], t) : double.NaN).Where(v => !double.IsNaN(v)).ToList();
        rows.Add(($"churn: {o.ChurnRate} pods/s for {o.ChurnSeconds} s (+ as many deletes)", $"{total} created, {running.Count} seen Running in the hub", ""));
        rows.Add(("churn: create → browser (first seen on /hubs/cluster) p50 / p99", $"{F(Percentile(seen, 50))} / {F(Percentile(seen, 99))} ms", "p99 ≤ 250 ms"));
        rows.Add(("churn: create → Running on /hubs/cluster p50 / p99", $"{F(Percentile(running, 50))} / {F(Percentile(running, 99))} ms", $"(includes 2 × {o.TaskStepDelay.TotalMilliseconds} ms task steps)"));
        rows.Add(("churn: working set / managed heap before → after (after GC)", $"{Mb(ws0)} → {Mb(ws1)} / {Mb(heap0)} → {Mb(heap1)} MB", "flat"));
        rows.Add(("… working set before → after, each after an aggressive GC (free memory given back)", $"{Mb(wsKept0)} → {Mb(wsKept1)} MB", "flat (± 5 %)"));
        rows.Add(("churn: hub resyncs", browser.Resyncs.ToString(System.Globalization.CultureInfo.InvariantCulture), "1 (the initial snapshot)"));
        await stopHub.CancelAsync().ConfigureAwait(false);
        await reading.ConfigureAwait(false);
    }

    /// <summary>
    /// Rounds of the burst's path end to end (create, place, Running, delete) on pods of their own, until a round
    /// compiles fewer than <see cref="WarmSettledMethods"/> methods (at most <see cref="WarmupRounds"/> rounds). One round
    /// compiles the paths; the tier-1 recompiles of the ReadyToRun framework code they call come a round later, because
    /// the runtime only counts a method's calls once no new method has started for a while: after one round of 3,000
    /// pods, the burst still spent 0.1-1.3 s of its CPU (176-1,423 methods, six runs) in the JIT. The later rounds are a third
    /// the size (enough calls for the recompiles): what finished pods leave behind (their Events, the master's
    /// sandboxes) stays in the retained-memory figures.
    /// </summary>
    /// <returns>The rounds run and the methods compiled in the last one.</returns>
    private static async Task<(int Rounds, long LastCompiled)> WarmUpAsync(ScenarioOptions o, HttpClient http, IPodService pods, FeedRecorder recorder, CancellationToken ct)
    {
        var round = 0;
        long compiled;
        do
        {
            round++;
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await WarmUpRoundAsync(o, round, round == 1 ? o.WarmupPods : LaterRoundPods(o), http, pods, recorder, ct).ConfigureAwait(false);
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            Progress($"warm-up: round {round} compiled {compiled} methods", force: true);
        }
        while (compiled >= WarmSettledMethods && round < WarmupRounds);

        return (round, compiled);
    }

    private static int LaterRoundPods(ScenarioOptions o) => Math.Max(1, o.WarmupPods / 3);

    private static async Task WarmUpRoundAsync(ScenarioOptions o, int round, int count, HttpClient http, IPodService pods, FeedRecorder recorder, CancellationToken ct)
    {
        var names = Enumerable.Range(0, count).Select(i => $"warmup-{round}-{i:D5}").ToArray();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = o.CreateConcurrency, CancellationToken = ct },
            async (name, token) =>
            {
                var pod = Fixtures.Pod(0);
                pod.Metadata.Name = name;
                await CreateAsync(o, http, pods, pod, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        while (names.Any(n => !recorder.Running.ContainsKey($"default/{n}")))
        {
            await Task.Delay(50, ct).ConfigureAwait(false);
            Progress($"warm-up: Running {names.Count(n => recorder.Running.ContainsKey($"default/{n}"))}/{names.Length}");
        }

        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = o.CreateConcurrency, CancellationToken = ct },
            async (name, token) => await pods.DeleteAsync("default", name, token).ConfigureAwait(false)).ConfigureAwait(false);
        while (names.Any(n => !recorder.Removed.ContainsKey($"default/{n}")))
        {
            await Task.Delay(50, ct).ConfigureAwait(false);
            Progress($"warm-up: removed {names.Count(n => recorder.Removed.ContainsKey($"default/{n}"))}/{names.Length}");
        }
    }

    private static async Task CreateAsync(ScenarioOptions o, HttpClient http, IPodService pods, V1Pod pod, CancellationToken ct)
    {
        if (o.Api == "service")
        {
            await pods.CreateAsync(pod, ct).ConfigureAwait(false);
            return;
        }

        using var content = new StringContent(KubernetesJson.Serialize(pod), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/api/v1/namespaces/default/pods", UriKind.Relative), content, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"create {pod.Metadata.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
        }
    }

    private static async Task DeleteAsync(ScenarioOptions o, HttpClient http, IPodService pods, string name, CancellationToken ct)
    {
        if (o.Api == "service")
        {
            await pods.DeleteAsync("default", name, ct).ConfigureAwait(false);
            return;
        }

        using var response = await http.DeleteAsync(new Uri($"/api/v1/namespaces/default/pods/{name}", UriKind.Relative), ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"delete {name}: {(int)response.StatusCode}");
        }
    }

    private static long _lastProgress;

    /// <summary>A progress line on stderr at most every 2 s, so a slow or stuck run says where it is.</summary>
    internal static void Progress(string message, bool force = false)
    {
        var now = Stopwatch.GetTimestamp();
        if (force || Ms(_lastProgress, now) >= 2000)
        {
            _lastProgress = now;
            Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
        }
    }

    private static (long WorkingSet, long Heap) AfterFullGc()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return MemorySampler.Now();
    }

    private static long AfterAggressiveGc()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return MemorySampler.Now().WorkingSet;
    }

    private static string Mb(long bytes) => F(bytes / 1024.0 / 1024.0);
}
