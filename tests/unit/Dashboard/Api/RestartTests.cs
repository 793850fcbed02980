using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Tests.Unit.Framework.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>
/// The whole app, stopped and started again on the same store (a SQLite data folder, or the same etcd): every object
/// written through the API comes back with its uid and resourceVersion, and versions keep growing.
/// </summary>
public sealed class RestartTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_SqliteDataFolder_EveryObjectBackWithItsVersion()
    {
        var folder = Directory.CreateTempSubdirectory("kubemesos-restart-");
        try
        {
            await RestartRoundTripAsync($"--Store:Path={folder.FullName}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Restart_SameEtcd_EveryObjectBackWithItsVersion() =>
        await RestartRoundTripAsync($"--Store:Etcd={etcd.ClientUrl}");

    private static async Task RestartRoundTripAsync(string storeArgument)
    {
        Dictionary<string, (string Uid, string Version)> before;
        string? frameworkId;
        await using (var app = await StartAsync(storeArgument))
        {
            frameworkId = (await ConnectedAsync(app)).FrameworkId;
            var client = Client(app);
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-a" } }, cancellationToken: Ct);
            await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
            {
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Name = "http", Port = 80 }] },
            }, "team-a", cancellationToken: Ct);
            // No agent can take it, so nothing moves it while the app restarts.
            await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "parked", Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec
                {
                    NodeSelector = new Dictionary<string, string> { ["k8s.mesosphere.io/attribute-rack"] = "nowhere" },
                    Containers = [new V1Container { Name = "main", Image = "nginx" }],
                },
            }, "team-a", cancellationToken: Ct);
            await WaitForExplainedAsync(client);
            before = await SnapshotAsync(client);
        }

        await using (var app = await StartAsync(storeArgument))
        {
            var client = Client(app);
            var after = await SnapshotAsync(client);
            Assert.Equal(before, after);

            // The framework comes back as itself, so a real master would hand back its tasks.
            Assert.Equal(frameworkId, (await ConnectedAsync(app)).FrameworkId);

            var newer = await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
            {
                Metadata = new V1ObjectMeta { Name = "later" },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 81 }] },
            }, "team-a", cancellationToken: Ct);
            Assert.True(long.Parse(newer.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)
                        > before.Values.Max(v => long.Parse(v.Version, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The scheduler has written why the parked pod waits: the last write before the stop.</summary>
    private static async Task WaitForExplainedAsync(Kubernetes client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var start = await client.CoreV1.ListNamespacedPodAsync("team-a", cancellationToken: Ct);
        if (Explained(start.Items.Single()))
        {
            return;
        }

        await foreach (var (_, pod) in client.CoreV1.WatchListNamespacedPodAsync("team-a", resourceVersion: start.Metadata.ResourceVersion, cancellationToken: timeout.Token))
        {
            if (Explained(pod))
            {
                return;
            }
        }
    }

    private static bool Explained(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Reason == "Unschedulable") == true;

    private static async Task<Dictionary<string, (string, string)>> SnapshotAsync(Kubernetes client)
    {
        var objects = new Dictionary<string, (string, string)>();
        var ns = await client.CoreV1.ReadNamespaceAsync("team-a", cancellationToken: Ct);
        objects["ns/team-a"] = (ns.Metadata.Uid, ns.Metadata.ResourceVersion);
        var svc = await client.CoreV1.ReadNamespacedServiceAsync("web", "team-a", cancellationToken: Ct);
        objects["svc/web"] = (svc.Metadata.Uid, svc.Metadata.ResourceVersion);
        var pod = await client.CoreV1.ReadNamespacedPodAsync("parked", "team-a", cancellationToken: Ct);
        objects["pod/parked"] = (pod.Metadata.Uid, pod.Metadata.ResourceVersion);
        return objects;
    }

    private static async Task<KubeMesos.Shared.Contracts.SchedulerStatusView> ConnectedAsync(WebApplication app)
    {
        var feed = app.Services.GetRequiredService<KubeMesos.Framework.Events.IClusterFeed>();
        var snapshot = await KubeMesos.Tests.Unit.Support.FeedWaiter.WaitForAsync(feed, s => s.Scheduler.Connected, TimeSpan.FromSeconds(30), "the framework to subscribe");
        return snapshot.Scheduler;
    }

    private static Kubernetes Client(WebApplication app) => new(new KubernetesClientConfiguration { Host = app.Urls.First() });

    private static async Task<WebApplication> StartAsync(string storeArgument)
    {
        var app = DashboardApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--Auth:Mode=Unsecured", "--Mesos:Embedded:Port=0", storeArgument],
            builder => builder.Logging.ClearProviders());
        await app.StartAsync(Ct);
        return app;
    }
}
