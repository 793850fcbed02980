using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Hubs;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Faults;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using KubeMesos.Tests.Unit.Support;
using static KubeMesos.Tests.Unit.Faults.FaultKit;

namespace KubeMesos.Tests.Unit.Framework.RemoteApi;

/// <summary>
/// Issue 14, section 2, end to end on two real processes on loopback: one instance of the app is the Kubernetes API
/// server (bearer-token authentication, no Mesos master of its own, its own controllers running, a scheduler name of
/// its own so its scheduler takes none of these pods); the other is the framework with
/// <c>Kubernetes:ApiServer:Url</c> + <c>:Token</c> pointing at it, its own embedded master and agents. The client side
/// is KubernetesClient either way.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ApiServerModeTests : IAsyncLifetime
{
    private const string Token = "framework-token-0123456789";
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-apiserver-");
    private AppProcess _apiServer = null!;
    private AppProcess _framework = null!;
    private Kubernetes _client = null!;

    public async ValueTask InitializeAsync()
    {
        _apiServer = AppProcess.App(Path.Combine(_data.FullName, "apiserver"),
            "--Auth:Mode=BrowserToken", "--Auth:Tokens:0:Name=framework", $"--Auth:Tokens:0:Token={Token}", "--Auth:Tokens:0:Role=operator",
            "--RateLimit:Enabled=false", "--Kubernetes:SchedulerName=apiserver-own-scheduler",
            // An API server, not a framework: no master here (nothing listens on this port), so it subscribes nowhere.
            "--Mesos:Embedded:Enabled=false", $"--Mesos:Master=http://127.0.0.1:{AppProcess.FreePort()}");
        await _apiServer.StartAsync(Ct);
        _framework = AppProcess.App(Path.Combine(_data.FullName, "framework"),
            [.. SmallAgents(2, 10), $"--Kubernetes:ApiServer:Url={_apiServer.Url.ToString().TrimEnd('/')}", $"--Kubernetes:ApiServer:Token={Token}"]);
        await _framework.StartAsync(Ct);
        _client = new Kubernetes(new KubernetesClientConfiguration { Host = _apiServer.Url.ToString().TrimEnd('/'), AccessToken = Token });
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _framework.DisposeAsync();
        await _apiServer.DisposeAsync();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task PodForOurScheduler_BoundThroughBinding_RunningWithEvents_OthersLeftAlone()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(PodFor("theirs", "someone-else"), "default", cancellationToken: Ct);
        await _client.CoreV1.CreateNamespacedPodAsync(PodFor("ours", "kubemesos"), "default", cancellationToken: Ct);

        var pods = await WaitForPodsAsync(_client, p => p.Any(x => x.Metadata.Name == "ours" && IsRunning(x)), "pod ours Running on the API server", _framework);

        var ours = pods.Single(p => p.Metadata.Name == "ours");
        Assert.StartsWith("agent-", ours.Spec.NodeName, StringComparison.Ordinal);
        Assert.Contains(ours.Status.Conditions, c => c is { Type: "PodScheduled", Status: "True" });
        Assert.Contains(ours.Status.Conditions, c => c is { Type: "Ready", Status: "True" });
        var events = (await _client.CoreV1.ListNamespacedEventAsync("default", cancellationToken: Ct)).Items;
        Assert.Contains(events, e => e.InvolvedObject.Name == "ours" && e.Reason == "Scheduled" && e.Message.Contains(ours.Spec.NodeName, StringComparison.Ordinal));
        // By the time ours ran, the framework had seen both pods (one watch, in order): the other scheduler's is untouched.
        var theirs = pods.Single(p => p.Metadata.Name == "theirs");
        Assert.Null(theirs.Spec.NodeName);
        Assert.Equal("Pending", theirs.Status.Phase);
        Assert.DoesNotContain(events, e => e.InvolvedObject.Name == "theirs");

        // The framework's own API and dashboard show the API server's cluster.
        using var frameworkApi = Client(_framework);
        var seen = await frameworkApi.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
        Assert.Equal(["ours", "theirs"], seen.Items.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal));
        var snapshot = await FirstSnapshotAsync(_framework);
        Assert.Equal(PodPhases.Running, snapshot.Pods["default/ours"].Phase);
        Assert.True(snapshot.Pods.ContainsKey("default/theirs"), "the other scheduler's pod is on the dashboard too");
    }

    /// <summary>The framework's dashboard picture: the first <c>resynced</c> of its hub's <c>StreamChanges</c>.</summary>
    private static async Task<ClusterSnapshot> FirstSnapshotAsync(AppProcess app)
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Url, ClusterHub.Path.TrimStart('/')))
            .AddJsonProtocol(options => ClusterHubJson.Configure(options.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(FaultKit.Timeout);
        await foreach (var change in connection.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), timeout.Token))
        {
            if (change is Resynced resynced)
            {
                return resynced.Snapshot;
            }
        }

        throw new InvalidOperationException("the hub's stream ended before its first resynced");
    }

    [Fact]
    public async Task ReplicationController_TheApiServersControllerCreates_OursSchedules_NoSecondController()
    {
        var rc = Rc("web", 2);
        rc.Spec.Template.Spec.SchedulerName = "kubemesos";

        await _client.CoreV1.CreateNamespacedReplicationControllerAsync(rc, "default", cancellationToken: Ct);
        var pods = await WaitForPodsAsync(_client, p => p.Count(x => Label(x, "app") == "web" && IsRunning(x)) == 2, "2 web pods Running", _framework);

        Assert.All(pods.Where(p => Label(p, "app") == "web"), p => Assert.StartsWith("agent-", p.Spec.NodeName, StringComparison.Ordinal));
        var rcEvents = (await _client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=web", cancellationToken: Ct)).Items
            .Where(e => e.InvolvedObject.Kind == "ReplicationController").ToList();
        // One controller made exactly the replicas; a second one racing it would have made more and deleted the surplus.
        Assert.Equal(2, rcEvents.Where(e => e.Reason == "SuccessfulCreate").Sum(e => e.Count ?? 1));
        Assert.DoesNotContain(rcEvents, e => e.Reason == "SuccessfulDelete");
        Assert.Single(_framework.OutputLines("our replication, endpoints, node and event-retention controllers stand down"));
    }

    private static V1Pod PodFor(string name, string schedulerName)
    {
        var pod = Pod(name);
        pod.Spec.SchedulerName = schedulerName;
        return pod;
    }
}
