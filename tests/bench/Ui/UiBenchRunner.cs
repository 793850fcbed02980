using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using KubeMesos.Bench.Micro;
using KubeMesos.Bench.Scenario;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using static KubeMesos.Bench.Scenario.Stats;

namespace KubeMesos.Bench.Ui;

/// <summary>
/// The UI benchmark: the whole app in this process (in-memory store, embedded master), N pods created through
/// <see cref="IPodService"/> (the API's own path, without HTTP), then Debian's Chromium driven by Playwright measures the
/// Pods and Scheduling pages: first paint, a filter, scrolling, and many open circuits (server memory per circuit and
/// create → painted latency while pods are created). Prints one markdown table. Memory figures are this process:
/// the server plus Playwright's .NET client (the browser and Playwright's driver are other processes).
/// </summary>
public static class UiBenchRunner
{
    private const string Selector = "app=app-7,env=dev";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage",
        // Every page stands for an operator's visible tab on their own machine: without these, Chromium treats all but
        // one page of the run as a background tab and throttles its timers and frames to about once a second, which
        // the figures then measured instead of the dashboard (p99 ~1 s with 3 pages on an idle machine).
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    ];

    public static async Task<int> RunAsync(UiOptions o)
    {
        using var timeout = new CancellationTokenSource(o.Timeout);
        var ct = timeout.Token;
        var rows = new List<(string Figure, string Value, string Goal)>();
        Console.WriteLine($"# ui {o}");
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, GC server={System.Runtime.GCSettings.IsServerGC}");
        var app = Host(o);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
            var baseUrl = app.BoundAddresses()[0];
            await SeedAsync(o, app, rows, ct).ConfigureAwait(false);

            using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ChromiumArgs,
            }).ConfigureAwait(false);
            var session = new BrowserSession(browser, baseUrl);

            if (o.Circuits + o.HubClients > 0)
            {
                await Section("connections", rows, () => ConnectionsAsync(o, app, session, rows, ct)).ConfigureAwait(false);
            }

            if (!o.ConnectionsOnly)
            {
                await Section("first paint", rows, () => FirstPaintAsync(o, session, "/pods", "Pods page", rows)).ConfigureAwait(false);
                await Section("first paint", rows, () => FirstPaintAsync(o, session, "/scheduling", "Scheduling page", rows)).ConfigureAwait(false);
                await Section("filter and scroll", rows, () => FilterAndScrollAsync(o, app, session, rows)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            rows.Add(("TIMED OUT", $"after {o.Timeout.TotalSeconds} s", ""));
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
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

    /// <summary>Runs one measurement; a failure becomes a row, so the other figures of a long run are not lost.</summary>
    private static async Task Section(string name, List<(string, string, string)> rows, Func<Task> measure)
    {
        try
        {
            await measure().ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException or InvalidOperationException)
        {
            var message = e.Message.ReplaceLineEndings(" ");
            rows.Add(($"FAILED: {name}", message[..Math.Min(300, message.Length)], ""));
        }
    }

    private static void PrintProfile(System.Text.Json.JsonElement? result)
    {
        if (result is not { } json || !json.TryGetProperty("profile", out var profile))
        {
            return;
        }

        var names = new Dictionary<int, string>();
        foreach (var node in profile.GetProperty("nodes").EnumerateArray())
        {
            var frame = node.GetProperty("callFrame");
            var url = frame.GetProperty("url").GetString() ?? "";
            names[node.GetProperty("id").GetInt32()] = $"{frame.GetProperty("functionName").GetString()} {url[(url.LastIndexOf('/') + 1)..]}:{frame.GetProperty("lineNumber").GetInt32()}";
        }

        var samples = profile.GetProperty("samples").EnumerateArray().Select(e => e.GetInt32()).ToList();
        foreach (var (name, count) in samples.GroupBy(id => names[id]).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).Take(25))
        {
            Console.Error.WriteLine($"profile: {100.0 * count / samples.Count,5:F1}% {name}");
        }
    }

    private static async Task<Dictionary<string, double>> BrowserMetricsAsync(ICDPSession session)
    {
        var result = await session.SendAsync("Performance.getMetrics").ConfigureAwait(false);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (result is { } json && json.TryGetProperty("metrics", out var list))
        {
            foreach (var metric in list.EnumerateArray())
            {
                metrics[metric.GetProperty("name").GetString()!] = metric.GetProperty("value").GetDouble();
            }
        }

        return metrics;
    }

    private static WebApplication Host(UiOptions o) => DashboardApplication.Build(
        [
            "--urls=http://127.0.0.1:0",
            // The UI bench measures pages: no sign-in, and seeding as fast as it goes.
            "--Auth:Mode=Unsecured",
            "--RateLimit:Enabled=false",
            "--Mesos:Embedded:Port=0",
            $"--Mesos:Embedded:AgentCount={o.Agents}",
            "--Logging:LogLevel:Default=Warning",
        ],
        builder =>
        {
            // The UI bench measures pages, not the store: the in-memory store keeps seeding 30,000 pods quick.
            builder.Services.RemoveAll<IObjectStore>();
            builder.Services.AddSingleton<IObjectStore>(_ => new InMemoryObjectStore());
        });

    private static async Task SeedAsync(UiOptions o, WebApplication app, List<(string, string, string)> rows, CancellationToken ct)
    {
        var pods = app.Services.GetRequiredService<IPodService>();
        var feed = app.Services.GetRequiredService<IClusterFeed>();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, o.Pods), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, token) => await pods.CreateAsync(Fixtures.Pod(i), token).ConfigureAwait(false)).ConfigureAwait(false);
        while (feed.Current.Pods.Count < o.Pods)
        {
            ScenarioRunner.Progress($"seeding: {feed.Current.Pods.Count}/{o.Pods} pods in the feed");
            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        rows.Add(("pods seeded (IPodService, in-memory store, all Pending)", $"{o.Pods:N0} in {F(Ms(started, Stopwatch.GetTimestamp()) / 1000, "F1")} s", ""));
        var (ws, heap) = AfterFullGc();
        rows.Add(("server working set / managed heap with the pods, no page open (after GC)", $"{Mb(ws)} / {Mb(heap)} MB", ""));
    }

    private static async Task FirstPaintAsync(UiOptions o, BrowserSession session, string path, string name, List<(string, string, string)> rows)
    {
        var times = new List<double>();
        var html = new List<double>();
        var ready = new List<double>();
        for (var run = 0; run < o.Runs; run++)
        {
            await using var context = await session.NewContextAsync().ConfigureAwait(false);
            var page = await context.NewPageAsync().ConfigureAwait(false);
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit }).ConfigureAwait(false);
            await page.WaitForFunctionAsync("() => window.__km && window.__km.firstRow > 0", null, new PageWaitForFunctionOptions { Timeout = 60_000 }).ConfigureAwait(false);
            times.Add(await page.EvaluateAsync<double>("() => window.__km.firstRow").ConfigureAwait(false));
            html.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].responseEnd").ConfigureAwait(false));
            ready.Add(await page.EvaluateAsync<double>("() => window.__km.ready ?? -1").ConfigureAwait(false));
            if (run == 0 && o.Screenshots is { } folder)
            {
                await page.Locator("[data-circuit=ready]").WaitForAsync().ConfigureAwait(false);
                Directory.CreateDirectory(folder);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{path.Trim('/')}-{o.Pods}.png") }).ConfigureAwait(false);
            }
        }

        times.Sort();
        rows.Add(($"{name}: navigation start → first pod row painted (median of {o.Runs} fresh contexts; all)",
            $"**{F(Percentile(times, 50))} ms** ({string.Join(", ", times.Select(t => F(t)))}; prerendered HTML received at {string.Join(", ", html.Select(t => F(t)))} ms; circuit interactive at {string.Join(", ", ready.Select(t => F(t)))} ms)", name == "Pods page" ? "≤ 1,000 ms" : ""));
    }

    private static async Task FilterAndScrollAsync(UiOptions o, WebApplication app, BrowserSession session, List<(string, string, string)> rows)
    {
        await using var context = await session.NewContextAsync().ConfigureAwait(false);
        var page = await context.NewPageAsync().ConfigureAwait(false);
        await page.GotoAsync("/pods").ConfigureAwait(false);
        await page.Locator("[data-circuit=ready]").WaitForAsync().ConfigureAwait(false);
        await page.WaitForFunctionAsync("() => window.__km.firstRow > 0").ConfigureAwait(false);

        // Counted from what the page shows (the churn of the connections step added pods).
        var pods = app.Services.GetRequiredService<IClusterFeed>().Current.Pods.Values.ToList();
        var parsed = KubeMesos.Shared.Labels.LabelSelector.Parse(Selector);
        var matching = pods.Count(p => parsed.Matches(p.Labels));
        const string search = "web-0012";
        var found = pods.Count(p => p.Name.Contains(search, StringComparison.Ordinal));
        var selector = page.GetByLabel("Label selector");
        var searchBox = page.GetByLabel("Search");
        var total = pods.Count;
        var all = $"{total:N0} pods";
        List<double> filter = [], clear = [], text = [];
        var shown = 0;
        for (var i = 0; i < FilterRepeats; i++)
        {
            filter.Add(await TimedAsync(page, $"{matching:N0} of {total:N0} pods", () => selector.FillAsync(Selector)).ConfigureAwait(false));
            shown = await page.Locator(".km-pod-table tbody tr:has(a)").CountAsync().ConfigureAwait(false);
            clear.Add(await TimedAsync(page, all, () => selector.FillAsync("")).ConfigureAwait(false));
            text.Add(await TimedAsync(page, $"{found:N0} of {total:N0} pods", () => searchBox.FillAsync(search)).ConfigureAwait(false));
            await TimedAsync(page, all, () => searchBox.FillAsync("")).ConfigureAwait(false);
        }

        rows.Add(($"filter: type selector `{Selector}` → {matching:N0} rows painted, median of {FilterRepeats} (incl. 150 ms debounce)",
            $"**{F(Median(filter))} ms** ({F(Median(filter) - 150)} ms after the debounce; all: {Join(filter)}; {shown} rows in the DOM)", "≤ 100 ms"));
        rows.Add(($"filter: clear the selector → all {total:N0} rows back, median (incl. debounce)", $"{F(Median(clear))} ms (all: {Join(clear)})", ""));
        rows.Add(($"filter: type text `{search}` → {found:N0} rows painted, median (incl. debounce)", $"{F(Median(text))} ms ({F(Median(text) - 150)} ms after the debounce; all: {Join(text)})", "≤ 100 ms"));
        rows.Add(("filter: the model alone (PodListModel selector over the snapshot, in process, best of 5)", $"{F(ModelFilterMs(app), "F1")} ms", ""));

        var idle = await page.EvaluateAsync<JsonElement>(BrowserProbes.Scroll, new object[] { 1000, 0 }).ConfigureAwait(false);
        rows.Add(("frames of the same page not scrolling (this browser's baseline): fps / longest frame",
            $"{F(idle.GetProperty("fps").GetDouble())} fps / {F(idle.GetProperty("longest").GetDouble())} ms", ""));
        var scroll = await page.EvaluateAsync<JsonElement>(BrowserProbes.Scroll, new object[] { 2000, 60 }).ConfigureAwait(false);
        rows.Add(("scroll the pod table 60 px per frame for 2 s: fps / longest frame",
            $"**{F(scroll.GetProperty("fps").GetDouble())} fps / {F(scroll.GetProperty("longest").GetDouble())} ms**", "fluid (≈ 60 fps, no frame ≫ 50 ms)"));
        rows.Add(("scroll: frames with no row rendered at the viewport's middle (rows not yet sent by the server)",
            $"{scroll.GetProperty("blank").GetInt32()} of {scroll.GetProperty("frames").GetInt32()} (scrolled {F(scroll.GetProperty("scrollTop").GetDouble())} of {F(scroll.GetProperty("scrollHeight").GetDouble())} px)", ""));
        if (o.Screenshots is { } folder)
        {
            await TimedAsync(page, $"{matching:N0} of {total:N0} pods", () => selector.FillAsync(Selector)).ConfigureAwait(false);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"pods-filtered-{o.Pods}.png") }).ConfigureAwait(false);
        }
    }

    private const int FilterRepeats = 5;

    private static double Median(List<double> values) => Percentile([.. values.Order()], 50);

    private static string Join(List<double> values) => string.Join(", ", values.Select(v => F(v)));

    /// <summary>Milliseconds (browser clock) from just before <paramref name="act"/> to the frame painting the expected status.</summary>
    private static async Task<double> TimedAsync(IPage page, string expectedStatus, Func<Task> act)
    {
        var start = await page.EvaluateAsync<double>(BrowserProbes.ArmFilterWatch, expectedStatus).ConfigureAwait(false);
        await act().ConfigureAwait(false);
        try
        {
            await page.WaitForFunctionAsync("() => window.__km.filterDone > 0", null, new PageWaitForFunctionOptions { Timeout = 30_000 }).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            var status = await page.Locator(".km-root").InnerTextAsync().ConfigureAwait(false);
            throw new TimeoutException($"expected status \"{expectedStatus}\"; the page says: {status[..Math.Min(600, status.Length)]}", e);
        }

        return await page.EvaluateAsync<double>("() => window.__km.filterDone").ConfigureAwait(false) - start;
    }

    /// <summary>The selector filter over every pod as the page's model does it, best of 5 (no browser, no render).</summary>
    private static double ModelFilterMs(WebApplication app)
    {
        var snapshot = app.Services.GetRequiredService<IClusterFeed>().Current;
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var model = new KubeMesos.Dashboard.Model.PodListModel();
            model.Show(snapshot);
            _ = model.Rows;
            var started = Stopwatch.GetTimestamp();
            model.SetSelector(Selector);
            _ = model.Rows;
            best = Math.Min(best, Ms(started, Stopwatch.GetTimestamp()));
        }

        return best;
    }

    /// <summary>
    /// Opens <see cref="UiOptions.Circuits"/> Pods pages (each a Blazor circuit) and <see cref="UiOptions.HubClients"/>
    /// hub clients, measures server memory per connection of each kind, then creates pods at the churn rate and
    /// measures create → painted in every page and create → received by every hub client.
    /// </summary>
    private static async Task ConnectionsAsync(UiOptions o, WebApplication app, BrowserSession session, List<(string, string, string)> rows, CancellationToken ct)
    {
        // One page per browser context, each its own window: pages that share a context are tabs of one window, and all
        // but the front tab are hidden, so Chromium throttles their rendering (p50 70 ms, p99 0.9 s against 29 / 68 ms for
        // the front tab on an idle machine) and the figures measured that instead of the dashboard.
        const int pagesPerContext = 1;
        var (ws0, heap0) = AfterFullGc();
        var contexts = new List<IBrowserContext>();
        var pages = new ConcurrentBag<IPage>();
        var opened = Stopwatch.GetTimestamp();
        using var gate = new SemaphoreSlim(4);
        for (var c = 0; c < (o.Circuits + pagesPerContext - 1) / pagesPerContext; c++)
        {
            contexts.Add(await session.NewContextAsync().ConfigureAwait(false));
        }

        async Task OpenAsync(int i)
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var page = await contexts[i / pagesPerContext].NewPageAsync().ConfigureAwait(false);
                await page.GotoAsync("/pods").ConfigureAwait(false);
                await page.Locator("[data-circuit=ready]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 }).ConfigureAwait(false);
                await page.WaitForFunctionAsync("() => window.__km.firstRow > 0", null, new PageWaitForFunctionOptions { Timeout = 120_000 }).ConfigureAwait(false);
                pages.Add(page);
                ScenarioRunner.Progress($"connections: {pages.Count}/{o.Circuits} pages open");
            }
            finally
            {
                gate.Release();
            }
        }

        // Half first, then the other half measured on its own: the first circuit pays one-time costs (JIT, caches).
        var half = o.Circuits / 2;
        await Task.WhenAll(Enumerable.Range(0, half).Select(OpenAsync)).ConfigureAwait(false);
        var (wsHalf, heapHalf) = AfterFullGc();
        await HeapDumpHold.AtAsync("half the pages open", ct).ConfigureAwait(false);
        await Task.WhenAll(Enumerable.Range(half, o.Circuits - half).Select(OpenAsync)).ConfigureAwait(false);
        var openMs = Ms(opened, Stopwatch.GetTimestamp());
        var (ws1, heap1) = AfterFullGc();
        await HeapDumpHold.AtAsync("all pages open", ct).ConfigureAwait(false);
        if (o.Circuits > 0)
        {
            rows.Add(($"{o.Circuits} Pods pages opened (Playwright pages, {contexts.Count} browser context(s)), each a live circuit", $"in {F(openMs / 1000, "F1")} s", ""));
            rows.Add(("server working set / managed heap: before → half the circuits → all (after GC)", $"{Mb(ws0)} → {Mb(wsHalf)} → {Mb(ws1)} / {Mb(heap0)} → {Mb(heapHalf)} → {Mb(heap1)} MB", ""));
            rows.Add(("**server memory per circuit** (working set / managed heap delta of the second half ÷ its circuits)",
                $"**{PerConnection(ws1 - wsHalf, o.Circuits - half)} / {PerConnection(heap1 - heapHalf, o.Circuits - half)} MB** (all circuits: {PerConnection(ws1 - ws0, o.Circuits)} / {PerConnection(heap1 - heap0, o.Circuits)} MB)", "≤ 3 MB"));
        }

        var hubs = new List<HubWatcher>();
        for (var i = 0; i < o.HubClients; i++)
        {
            hubs.Add(await HubWatcher.StartAsync(app.BoundAddresses()[0], "ui-new-", ct).ConfigureAwait(false));
        }

        var (ws2, heap2) = AfterFullGc();
        if (o.HubClients > 0)
        {
            rows.Add(($"{o.HubClients} hub clients on /hubs/cluster (StreamChanges; each first receives the whole snapshot)", $"{Mb(ws1)} → {Mb(ws2)} / {Mb(heap1)} → {Mb(heap2)} MB", ""));
            rows.Add(("server memory per hub client (working set / managed heap delta ÷ clients)", $"{PerConnection(ws2 - ws1, o.HubClients)} / {PerConnection(heap2 - heap1, o.HubClients)} MB", "≤ 3 MB"));
        }

        // Pods created at the churn rate while every connection is open; each page notes when it paints each one.
        var podService = app.Services.GetRequiredService<IPodService>();
        var created = new ConcurrentDictionary<string, double>();
        var count = (int)(o.ChurnRate * o.ChurnSeconds);
        var published = new ConcurrentDictionary<string, double>();
        using var feedSubscription = app.Services.GetRequiredService<IClusterFeed>().Subscribe();
        using var stopFeed = new CancellationTokenSource();
        var feedReading = Task.Run(async () =>
        {
            try
            {
                while ((await feedSubscription.ReadBatchAsync(stopFeed.Token).ConfigureAwait(false)) is { Count: > 0 } batch)
                {
                    foreach (var change in batch)
                    {
                        if (change is KubeMesos.Shared.Contracts.PodUpdated { Pod.Name: var name } && name.StartsWith("ui-new-", StringComparison.Ordinal))
                        {
                            published.TryAdd(name, WallClockMs());
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
        // Unmeasured warm-up at the same rate: the first seconds after start-up are the runtime's tiered JIT recompiling
        // every hot render path (half the server's CPU in a profile), which a long-running dashboard has long behind it.
        if (o.WarmupSeconds > 0)
        {
            using var warmup = new PeriodicTimer(TimeSpan.FromSeconds(1 / o.ChurnRate));
            for (var k = 0; k < (int)(o.ChurnRate * o.WarmupSeconds) && await warmup.WaitForNextTickAsync(ct).ConfigureAwait(false); k++)
            {
                var pod = Fixtures.Pod(o.Pods + 100_000 + k);
                pod.Metadata.Name = $"ui-warm-{k:D4}";
                await podService.CreateAsync(pod, ct).ConfigureAwait(false);
            }
        }

        // The browser's own accounting of each page's main thread (Chromium's Performance domain), to tell the server's
        // share of a late paint from the renderers'.
        var probes = new List<(ICDPSession Session, Dictionary<string, double> Before)>();
        foreach (var page in pages)
        {
            var cdp = await page.Context.NewCDPSessionAsync(page).ConfigureAwait(false);
            await cdp.SendAsync("Performance.enable").ConfigureAwait(false);
            probes.Add((cdp, await BrowserMetricsAsync(cdp).ConfigureAwait(false)));
        }

        // KM_BENCH_PROFILE=1: a JavaScript CPU profile of the first page during the churn, its top functions on stderr.
        var profiling = Environment.GetEnvironmentVariable("KM_BENCH_PROFILE") == "1" && probes.Count > 0;
        if (profiling)
        {
            await probes[0].Session.SendAsync("Profiler.enable").ConfigureAwait(false);
            await probes[0].Session.SendAsync("Profiler.start").ConfigureAwait(false);
        }

        // KM_BENCH_TRACE=<file>: a Chromium performance trace of the first page's renderer during the churn (open it in
        // chrome://tracing or Perfetto); what the main thread spends its time on beyond script, layout and style.
        var tracePath = Environment.GetEnvironmentVariable("KM_BENCH_TRACE");
        var traced = string.IsNullOrEmpty(tracePath) || probes.Count == 0 ? null : probes[0].Session;
        var traceEvents = new System.Text.Json.Nodes.JsonArray();
        var traceDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (traced is not null)
        {
            traced.Event("Tracing.dataCollected").OnEvent += (_, e) =>
            {
                foreach (var item in e!.Value.GetProperty("value").EnumerateArray())
                {
                    lock (traceEvents)
                    {
                        traceEvents.Add(System.Text.Json.Nodes.JsonNode.Parse(item.GetRawText()));
                    }
                }
            };
            traced.Event("Tracing.tracingComplete").OnEvent += (_, _) => traceDone.TrySetResult();
            await traced.SendAsync("Tracing.start", new()
            {
                ["transferMode"] = "ReportEvents",
                ["categories"] = "-*,devtools.timeline,disabled-by-default-devtools.timeline,toplevel,blink,cc,viz,gpu,v8.execute,benchmark,renderer.scheduler",
            }).ConfigureAwait(false);
        }

        // KM_BENCH_MUTATIONS=1: what the first page's DOM changes during the churn, per second, on stderr.
        var census = Environment.GetEnvironmentVariable("KM_BENCH_MUTATIONS") == "1" && !pages.IsEmpty;
        if (census)
        {
            await pages.First().EvaluateAsync(BrowserProbes.StartMutationCensus).ConfigureAwait(false);
        }

        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var churnStarted = Stopwatch.GetTimestamp();
        using (var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1 / o.ChurnRate)))
        {
            for (var k = 0; k < count && await ticker.WaitForNextTickAsync(ct).ConfigureAwait(false); k++)
            {
                var pod = Fixtures.Pod(o.Pods + k);
                pod.Metadata.Name = $"ui-new-{k:D4}";
                created[pod.Metadata.Name] = WallClockMs();
                await podService.CreateAsync(pod, ct).ConfigureAwait(false);
            }
        }

        var churnMs = Ms(churnStarted, Stopwatch.GetTimestamp());
        if (traced is not null)
        {
            await traced.SendAsync("Tracing.end").ConfigureAwait(false);
            await traceDone.Task.WaitAsync(TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(tracePath!, new System.Text.Json.Nodes.JsonObject { ["traceEvents"] = traceEvents }.ToJsonString(), ct).ConfigureAwait(false);
        }

        if (census)
        {
            Console.Error.WriteLine("DOM mutations of the first page during the churn:");
            foreach (var line in await pages.First().EvaluateAsync<string[]>(BrowserProbes.ReadMutationCensus).ConfigureAwait(false))
            {
                Console.Error.WriteLine(line);
            }
        }

        if (profiling)
        {
            PrintProfile(await probes[0].Session.SendAsync("Profiler.stop").ConfigureAwait(false));
        }

        var browserBusy = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (cdp, before) in probes)
        {
            foreach (var (name, value) in await BrowserMetricsAsync(cdp).ConfigureAwait(false))
            {
                browserBusy[name] = browserBusy.GetValueOrDefault(name) + value - before.GetValueOrDefault(name);
            }
        }
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / churnMs;
        var last = $"ui-new-{count - 1:D4}";
        var painted = new List<double>();
        var missed = 0;
        foreach (var page in pages)
        {
            try
            {
                await page.WaitForFunctionAsync($"() => window.__km.seen['{last}'] > 0", null, new PageWaitForFunctionOptions { Timeout = 30_000 }).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Counted below as missed sightings.
            }

            var seen = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__km.seen").ConfigureAwait(false);
            var before = painted.Count;
            missed += Collect(created, seen, painted);
            var mine = painted.Skip(before).ToList();
            ScenarioRunner.Progress($"page {pages.ToList().IndexOf(page)}: create → painted {Summary(mine)} ms", force: true);
        }

        var received = new List<double>();
        foreach (var hub in hubs)
        {
            await hub.WaitForAsync(last, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            missed += Collect(created, hub.Seen, received);
            await hub.DisposeAsync().ConfigureAwait(false);
        }

        await stopFeed.CancelAsync().ConfigureAwait(false);
        await feedReading.ConfigureAwait(false);
        var inFeed = new List<double>();
        Collect(created, published, inFeed);
        var fromFeed = new List<double>();
        foreach (var page in pages)
        {
            var seen = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__km.seen").ConfigureAwait(false);
            Collect(published, seen, fromFeed);
        }

        var (ws3, heap3) = AfterFullGc();
        rows.Add(("the same: create → published in the cluster feed (store, scheduler's watch; no UI) p50 / p99 / max", $"{Summary(inFeed)} ms", ""));
        if (o.Circuits > 0)
        {
            rows.Add(("the same: published in the feed → painted in each page p50 / p99 / max (the UI's share)", $"**{Summary(fromFeed)} ms**", "fluid"));
        }

        if (o.Circuits > 0)
        {
            rows.Add(($"pods created at {F(o.ChurnRate)}/s for {o.ChurnSeconds} s with all connections open: create → painted in each page p50 / p99 / max",
                $"**{Summary(painted)} ms** ({painted.Count:N0} sightings)", "fluid (the render throttle is 150 ms)"));
        }

        if (o.HubClients > 0)
        {
            rows.Add(("the same: create → received by each hub client p50 / p99 / max", $"{Summary(received)} ms ({received.Count:N0} sightings)", "p99 ≤ 250 ms"));
        }

        rows.Add(("sightings missed (a page or client never showed a created pod within 30 s)", missed.ToString(CultureInfo.InvariantCulture), "0"));
        rows.Add(("server CPU during that churn (cores busy, of 2)", F(cpu, "F2"), ""));
        if (probes.Count > 0)
        {
            string Busy(string metric) => F(browserBusy.GetValueOrDefault(metric) / probes.Count / (churnMs / 1000) * 1000, "F0");
            rows.Add(("each page's main thread during that churn, ms per second: task / script / layout / style (Chromium's Performance metrics, mean of the pages)",
                $"{Busy("TaskDuration")} / {Busy("ScriptDuration")} / {Busy("LayoutDuration")} / {Busy("RecalcStyleDuration")}", ""));
        }
        rows.Add(("server working set / managed heap after the churn (after GC)", $"{Mb(ws3)} / {Mb(heap3)} MB", ""));

        foreach (var context in contexts)
        {
            await context.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static int Collect(IReadOnlyDictionary<string, double> created, IReadOnlyDictionary<string, double> seen, List<double> into)
    {
        var missed = 0;
        foreach (var (name, at) in created)
        {
            if (seen.TryGetValue(name, out var t) && t > 0)
            {
                into.Add(t - at);
            }
            else
            {
                missed++;
            }
        }

        return missed;
    }

    private static string Summary(List<double> values) =>
        values.Count == 0 ? "–" : $"{F(Percentile(values, 50))} / {F(Percentile(values, 99))} / {F(values.Max())}";

    private static string PerConnection(long bytes, int connections) => F(bytes / 1024.0 / 1024.0 / connections, "F2");

    /// <summary>Milliseconds since the Unix epoch, the same clock as the browser's performance.timeOrigin + now().</summary>
    internal static double WallClockMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private static (long WorkingSet, long Heap) AfterFullGc()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return MemorySampler.Now();
    }

    private static string Mb(long bytes) => F(bytes / 1024.0 / 1024.0);

    /// <summary>New browser contexts at the app's address, each with the probes installed.</summary>
    private sealed class BrowserSession(IBrowser browser, string baseUrl)
    {
        public async Task<IBrowserContext> NewContextAsync()
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = baseUrl,
                ViewportSize = new ViewportSize { Width = 1440, Height = 960 },
            }).ConfigureAwait(false);
            await context.AddInitScriptAsync(BrowserProbes.Init).ConfigureAwait(false);
            return context;
        }
    }
}
