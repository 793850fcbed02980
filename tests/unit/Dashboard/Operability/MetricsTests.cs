using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Tests.Unit.Dashboard.Security;
using KubeMesos.Tests.Unit.Support;

namespace KubeMesos.Tests.Unit.Dashboard.Operability;

/// <summary>
/// <c>/metrics</c> of the whole app (authentication on, the embedded master) over real HTTP, read as Prometheus text:
/// a scheduling run through the Kubernetes API (pods placed, one failed on its agent, one that fits nowhere) moves the
/// scheduler's counters by exactly what it did (other apps that tests run in this process at the same time must not
/// show up), the placement histogram has its buckets, and
/// ASP.NET Core's and the runtime's metrics are there. A viewer's token scrapes; an anonymous scrape is refused.
/// </summary>
public sealed class MetricsTests(SecuredAppHost host) : IClassFixture<SecuredAppHost>
{
    private const int PodCount = 3;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_AfterSchedulingRun_CountersMovedHistogramFilledPlatformMetricsPresent()
    {
        using var @operator = new Kubernetes(new KubernetesClientConfiguration { Host = host.Url, AccessToken = SecuredAppHost.OperatorToken });
        for (var i = 0; i < PodCount; i++)
        {
            await @operator.CoreV1.CreateNamespacedPodAsync(Pod($"metrics-{i}"), "default", cancellationToken: Ct);
        }

        await WaitUntilAsync(async () => (await MetricsPodsAsync(@operator)).Count(p => p.Status?.Phase == "Running") == PodCount, "pods running");

        // One task fails on its agent (the embedded cluster's operator API), and a pod that fits nowhere waits: its
        // placement attempt fails and the offers it could not use go back.
        using var operatorHttp = host.Client(SecuredAppHost.OperatorToken);
        var task = (await operatorHttp.GetFromJsonAsync<JsonElement[]>("/api/operator/tasks", Ct))!
            .First(t => t.GetProperty("state").GetString() == "TASK_RUNNING");
        using (var failed = await operatorHttp.PostAsync(
                   $"/api/operator/frameworks/{task.GetProperty("frameworkId").GetString()}/tasks/{task.GetProperty("taskId").GetString()}/fail", null, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, failed.StatusCode);
        }

        await WaitUntilAsync(async () => (await MetricsPodsAsync(@operator)).Any(p => p.Status?.Phase == "Failed"), "a pod failed");
        var nowhere = Pod("metrics-nowhere");
        nowhere.Spec.NodeSelector = new Dictionary<string, string> { ["k8s.mesosphere.io/attribute-rack"] = "nowhere" };
        await @operator.CoreV1.CreateNamespacedPodAsync(nowhere, "default", cancellationToken: Ct);

        // The scheduler loop publishes its gauges after each pass and the exporter caches a scrape briefly: wait for
        // the picture to settle rather than for a time.
        var metrics = await ScrapeUntilAsync(m => m.Sum("kubemesos_pods_failed_total") >= 1 && m.Sum("kubemesos_pods_unschedulable_total") >= 1
                                                  && m.Sum("kubemesos_offers_declined_total") >= 1 && m.Sum("kubemesos_queue_depth") == 1);

        Assert.Equal(PodCount + 1, metrics.Sum("kubemesos_pods_queued_total"));
        Assert.Equal(PodCount, metrics.Sum("kubemesos_pods_placed_total"));
        Assert.Equal(1, metrics.Sum("kubemesos_pods_failed_total"));
        Assert.True(metrics.Sum("kubemesos_offers_received_total") >= 1, "no offer counted");
        Assert.True(metrics.Sum("kubemesos_reconciliations_total", l => l.GetValueOrDefault("kind") == "implicit") >= 1, "no implicit reconciliation counted");
        Assert.Equal(1, metrics.Sum("kubemesos_mesos_connected"));
        Assert.True(metrics.Sum("kubemesos_mesos_subscriptions_total") >= 1);
        Assert.Equal(1, metrics.Sum("kubemesos_leader"));
        Assert.True(metrics.Has("kubemesos_feed_subscribers"));
        Assert.True(metrics.Has("kubemesos_offers_outstanding"));
        Assert.Equal("counter", metrics.Types["kubemesos_pods_placed_total"]);
        Assert.Equal("gauge", metrics.Types["kubemesos_queue_depth"]);

        // The placement latency: one observation per placed pod, in cumulative buckets ending with +Inf.
        Assert.Equal("histogram", metrics.Types["kubemesos_placement_duration_seconds"]);
        var buckets = metrics.Named("kubemesos_placement_duration_seconds_bucket").ToList();
        Assert.True(buckets.Count >= 10, $"{buckets.Count} buckets");
        Assert.Equal(PodCount, buckets.Single(b => b.Labels["le"] == "+Inf").Value);
        Assert.Equal(buckets.Select(b => b.Value).Order(), buckets.Select(b => b.Value));
        Assert.Equal(PodCount, metrics.Sum("kubemesos_placement_duration_seconds_count"));

        // Store writes: at least the pods' creates, by kind and outcome.
        Assert.True(metrics.Sum("kubemesos_store_write_duration_seconds_count", l => l.GetValueOrDefault("operation") == "create"
            && l.GetValueOrDefault("kind") == "pods" && l.GetValueOrDefault("outcome") == "ok") >= PodCount);

        // ASP.NET Core (the API calls above) and the runtime.
        Assert.True(metrics.Sum("http_server_request_duration_seconds_count") >= PodCount, "no ASP.NET Core request metrics");
        Assert.True(metrics.Has("kestrel_active_connections"), "no Kestrel metrics");
        Assert.Contains(metrics.Samples, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.Contains(metrics.Samples, s => s.Name.StartsWith("dotnet_thread_pool_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_Anonymous_Unauthorized_Viewer_Ok()
    {
        using var anonymous = host.Client();
        using var refused = await anonymous.GetAsync(DashboardMetrics.Path, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var viewer = host.Client(SecuredAppHost.ViewerToken);
        using var scraped = await viewer.GetAsync(DashboardMetrics.Path, Ct);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Equal("text/plain", scraped.Content.Headers.ContentType?.MediaType);
        PrometheusText.Parse(await scraped.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<List<V1Pod>> MetricsPodsAsync(Kubernetes client) =>
        [.. (await client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct)).Items.Where(p => p.Metadata.Name.StartsWith("metrics-", StringComparison.Ordinal))];

    private async Task<PrometheusText> ScrapeUntilAsync(Func<PrometheusText, bool> condition)
    {
        using var viewer = host.Client(SecuredAppHost.ViewerToken);
        viewer.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        PrometheusText? last = null;
        await WaitUntilAsync(async () =>
        {
            last = PrometheusText.Parse(await viewer.GetStringAsync(DashboardMetrics.Path, Ct));
            return condition(last);
        }, "the scrape to show the run");
        return last!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(s_timeout);
        try
        {
            while (!await condition())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out waiting for {what}");
        }
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
    };
}
