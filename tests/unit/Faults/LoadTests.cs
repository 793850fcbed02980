using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using KubeMesos.Dashboard.Hubs;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static KubeMesos.Tests.Unit.Faults.FaultKit;

namespace KubeMesos.Tests.Unit.Faults;

/// <summary>
/// Issue 11, fault 6: a bounded burst (400 creates, then 200 deletes, 16 at a time, loopback only) of pod writes through
/// the API while two hub clients and an API watch follow. Every request either succeeded and its effect is in the store,
/// or failed with a Kubernetes Status that says why; the watch saw every acknowledged create; nothing silently dropped.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class LoadTests : IAsyncLifetime
{
    private const int Creates = 400;
    private const int Deletes = 200;

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-faults-");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _data.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Burst_CreatesAndDeletes_WhileHubAndWatchFollow_EveryRequestAccountedFor()
    {
        await using var app = AppProcess.App(_data.FullName, SmallAgents(4, 100));
        await app.StartAsync(Ct);
        using var http = new HttpClient { BaseAddress = app.Url, Timeout = TimeSpan.FromSeconds(60) };
        var startVersion = (await Client(app).CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct)).Metadata.ResourceVersion;

        var hubChanges = new long[2];
        var hubs = new List<HubConnection>();
        var hubReaders = new List<Task>();
        using var stopFollowing = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        for (var i = 0; i < hubChanges.Length; i++)
        {
            var index = i;
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(app.Url, ClusterHub.Path.TrimStart('/')))
                .AddJsonProtocol(options => ClusterHubJson.Configure(options.PayloadSerializerOptions))
                .Build();
            await hub.StartAsync(Ct);
            hubs.Add(hub);
            hubReaders.Add(Task.Run(async () =>
            {
                await foreach (var _ in hub.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), stopFollowing.Token))
                {
                    Interlocked.Increment(ref hubChanges[index]);
                }
            }, Ct));
        }

        var watched = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var watch = Task.Run(() => WatchAsync(http, startVersion, watched, stopFollowing.Token), Ct);

        var outcomes = new ConcurrentBag<(string Op, string Name, HttpStatusCode Code, string? Reason)>();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(TimeSpan.FromSeconds(90));
        var options = new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = bounded.Token };
        await Parallel.ForAsync(0, Creates, options, async (i, ct) =>
        {
            using var body = new StringContent(k8s.KubernetesJson.Serialize(Pod($"load-{i}")), System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("api/v1/namespaces/default/pods", body, ct);
            outcomes.Add(("create", $"load-{i}", response.StatusCode, await ReasonAsync(response, ct)));
        });
        await Parallel.ForAsync(0, Deletes, options, async (i, ct) =>
        {
            using var response = await http.DeleteAsync($"api/v1/namespaces/default/pods/load-{i * 2}", ct);
            outcomes.Add(("delete", $"load-{i * 2}", response.StatusCode, await ReasonAsync(response, ct)));
        });

        var created = outcomes.Where(o => o.Op == "create" && (int)o.Code is >= 200 and < 300).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var deleted = outcomes.Where(o => o.Op == "delete" && (int)o.Code is >= 200 and < 300).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var failed = outcomes.Where(o => (int)o.Code is < 200 or >= 300).ToList();
        // A refusal is a Kubernetes Status with a reason (429 from a rate limiter included), never an empty answer.
        Assert.All(failed, f => Assert.False(string.IsNullOrEmpty(f.Reason), $"{f.Op} {f.Name}: {(int)f.Code} without a Status"));
        Assert.Equal(Creates + Deletes, outcomes.Count);

        // Every acknowledged create is in the store unless acknowledged deleted; deleted ones leave once their tasks are killed.
        var client = Client(app);
        var pods = await WaitForPodsAsync(client, p =>
                p.Select(x => x.Metadata.Name).ToHashSet(StringComparer.Ordinal).SetEquals(created.Except(deleted))
                && p.All(IsRunning),
            "the store to hold exactly the created and not deleted pods, running", app);
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            wait.CancelAfter(FaultKit.Timeout);
            while (!created.All(watched.ContainsKey) || !deleted.All(n => watched.GetValueOrDefault(n) == "DELETED"))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), wait.Token);
            }
        }

        await stopFollowing.CancelAsync();
        await Task.WhenAll(hubReaders.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        await watch.ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }

        Assert.All(hubChanges, count => Assert.True(count > Creates, $"a hub client got only {count} changes"));
        Report($"load: {Creates} creates ({created.Count} 2xx), {Deletes} deletes ({deleted.Count} 2xx), {failed.Count} refused with a Status "
               + $"({string.Join(", ", failed.GroupBy(f => (int)f.Code).Select(g => $"{g.Key}×{g.Count()}"))}); store holds {pods.Count} running; "
               + $"API watch saw {watched.Count} pods; hub clients got {hubChanges[0]} and {hubChanges[1]} changes; silently dropped 0");
    }

    private static async Task<string?> ReasonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        return status?["kind"]?.GetValue<string>() == "Status" ? status["reason"]?.GetValue<string>() ?? status["message"]?.GetValue<string>() : null;
    }

    /// <summary>Follows the pods from <paramref name="version"/>, keeping each one's last event type.</summary>
    private static async Task WatchAsync(HttpClient http, string version, ConcurrentDictionary<string, string> seen, CancellationToken ct)
    {
        using var watchClient = new HttpClient { BaseAddress = http.BaseAddress, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var response = await watchClient.GetAsync($"api/v1/namespaces/default/pods?watch=true&resourceVersion={version}", HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var e = JsonNode.Parse(line)!;
            var type = e["type"]!.GetValue<string>();
            Assert.NotEqual("ERROR", type);
            var name = e["object"]!["metadata"]!["name"]!.GetValue<string>();
            seen.AddOrUpdate(name, type, (_, old) => old == "DELETED" ? old : type);
        }
    }
}
