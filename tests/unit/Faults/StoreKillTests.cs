using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeMesos.Tests.Unit.Support;
using static KubeMesos.Tests.Unit.Faults.FaultKit;

namespace KubeMesos.Tests.Unit.Faults;

/// <summary>
/// Issue 11, fault 5: the app (SQLite store) killed with SIGKILL in the middle of a burst of API writes. After the
/// restart every write that was acknowledged (2xx) is there, every stored object decodes, and a watch from a
/// resourceVersion taken before the burst replays every change without a gap: the change log is in the same SQLite
/// file as the objects, committed with them. A resume point older than the kept history gets 410 Gone, as Kubernetes
/// answers, and a relist then sees everything.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class StoreKillTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-faults-");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _data.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task KillDuringWriteBurst_AcknowledgedWritesKept_WatchResumesWithoutGap()
    {
        await using var app = AppProcess.App(_data.FullName, "--Mesos:Embedded:AgentCount=1");
        await app.StartAsync(Ct);
        var (startVersion, acknowledged, attempted) = await BurstThenKillAsync(app);
        await app.StartAsync(Ct);

        var client = Client(app);
        var stored = (await client.CoreV1.ListNamespacedServiceAsync("default", labelSelector: "burst=1", cancellationToken: Ct)).Items;
        var names = stored.Select(s => s.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(acknowledged, name => Assert.Contains(name, names));
        Assert.All(stored, s => Assert.False(string.IsNullOrEmpty(s.Metadata.Uid) || s.Spec?.Ports is not { Count: 1 }, $"{s.Metadata.Name} is whole"));

        // The watch from before the burst replays every object now stored, in version order, with no gap.
        var replayed = await WatchAddedAsync(app, startVersion, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), replayed.Names.Order(StringComparer.Ordinal));
        Assert.Equal(replayed.Versions.Order(), replayed.Versions);
        Report($"store kill -9 during burst: {attempted} writes sent, {acknowledged.Count} acknowledged, {names.Count} stored after restart "
               + $"({names.Count - acknowledged.Count} committed but unanswered), acknowledged lost 0, watch from {startVersion} replayed {replayed.Names.Count} without a gap");
    }

    [Fact]
    public async Task KillDuringWriteBurst_ResumePointBeyondHistory_410Gone_ThenRelistSeesAll()
    {
        await using var app = AppProcess.App(_data.FullName, "--Mesos:Embedded:AgentCount=1", "--Store:WatchHistory=20");
        await app.StartAsync(Ct);
        var (startVersion, acknowledged, _) = await BurstThenKillAsync(app);
        await app.StartAsync(Ct);

        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(app.Url, $"api/v1/namespaces/default/services?watch=true&resourceVersion={startVersion}"),
            HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var first = JsonNode.Parse((await reader.ReadLineAsync(Ct))!)!;
        Assert.Equal("ERROR", first["type"]!.GetValue<string>());
        Assert.Equal(410, first["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", first["object"]!["reason"]!.GetValue<string>());

        // What a client does on 410: list again, then watch from the list's version.
        var relisted = (await Client(app).CoreV1.ListNamespacedServiceAsync("default", cancellationToken: Ct)).Items.Select(s => s.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(acknowledged, name => Assert.Contains(name, relisted));
        Report($"store kill -9, resume point beyond the kept history: 410 Expired, relist found all {acknowledged.Count} acknowledged of {relisted.Count} stored");
    }

    /// <summary>Eight writers create services until the app is killed under them (after at least 150 acknowledgements).</summary>
    private static async Task<(string StartVersion, IReadOnlyCollection<string> Acknowledged, int Attempted)> BurstThenKillAsync(AppProcess app)
    {
        var client = Client(app);
        var startVersion = (await client.CoreV1.ListNamespacedServiceAsync("default", cancellationToken: Ct)).Metadata.ResourceVersion;
        var acknowledged = new ConcurrentBag<string>();
        var attempted = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killing = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 5000; i++)
            {
                var name = $"svc-{w}-{i}";
                Interlocked.Increment(ref attempted);
                try
                {
                    await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
                    {
                        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["burst"] = "1" } },
                        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 + (i % 100) }] },
                    }, "default", cancellationToken: stop.Token);
                    acknowledged.Add(name);
                    if (acknowledged.Count >= 150)
                    {
                        enough.TrySetResult();
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or HttpOperationException)
                {
                    // The app died under this request: not acknowledged, so it may or may not be stored.
                    if (Volatile.Read(ref killing) || stop.IsCancellationRequested)
                    {
                        return;
                    }

                    throw;
                }
            }
        }, Ct)).ToList();

        await enough.Task.WaitAsync(FaultKit.Timeout, Ct);
        Volatile.Write(ref killing, true);
        await app.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        return (startVersion, acknowledged.ToList(), attempted);
    }

    private static async Task<(List<string> Names, List<long> Versions)> WatchAddedAsync(AppProcess app, string startVersion, int expected)
    {
        using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(FaultKit.Timeout);
        using var response = await http.GetAsync(new Uri(app.Url, $"api/v1/namespaces/default/services?watch=true&resourceVersion={startVersion}"),
            HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var names = new List<string>();
        var versions = new List<long>();
        while (names.Count < expected && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            var e = JsonNode.Parse(line)!;
            Assert.Equal("ADDED", e["type"]!.GetValue<string>());
            names.Add(e["object"]!["metadata"]!["name"]!.GetValue<string>());
            versions.Add(long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        }

        return (names, versions);
    }
}
