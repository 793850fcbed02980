using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeMesos.Framework.Events;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>
/// <c>pods/binding</c> and <c>pods/status</c> through the official .NET client, as another scheduler uses them. The
/// pods name another scheduler, so ours leaves them alone and the test's client is the only one writing.
/// </summary>
public sealed class PodSubresourceTests(ClusterApiHost host) : IClassFixture<ClusterApiHost>, IDisposable
{
    private readonly Kubernetes _client = new(new KubernetesClientConfiguration { Host = host.Url });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Binding_UnboundPod_SetsNodeNameOnce()
    {
        var pod = await CreateAsync("bind-me");

        await _client.CoreV1.CreateNamespacedPodBindingAsync(Binding("bind-me", "agent-7", pod.Metadata.Uid), "bind-me", "default", cancellationToken: Ct);
        var bound = await _client.CoreV1.ReadNamespacedPodAsync("bind-me", "default", cancellationToken: Ct);
        var again = await Assert.ThrowsAsync<HttpOperationException>(() =>
            _client.CoreV1.CreateNamespacedPodBindingAsync(Binding("bind-me", "agent-8", null), "bind-me", "default", cancellationToken: Ct));

        Assert.Equal("agent-7", bound.Spec.NodeName);
        Assert.Contains(bound.Status.Conditions, c => c is { Type: "PodScheduled", Status: "True" });
        Assert.Equal(HttpStatusCode.Conflict, again.Response.StatusCode);
        Assert.EndsWith("pod bind-me is already assigned to node \"agent-7\"", KubernetesJson.Deserialize<V1Status>(again.Response.Content).Message, StringComparison.Ordinal);
        Assert.Equal("agent-7", (await _client.CoreV1.ReadNamespacedPodAsync("bind-me", "default", cancellationToken: Ct)).Spec.NodeName);
    }

    [Fact]
    public async Task Binding_Answer_201SuccessStatus_AndBadBindingsRefused()
    {
        await CreateAsync("bind-raw");
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };

        using var ok = await http.PostAsync("/api/v1/namespaces/default/pods/bind-raw/binding",
            new StringContent("""{"apiVersion":"v1","kind":"Binding","metadata":{"name":"bind-raw"},"target":{"kind":"Node","name":"n1"}}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        using var noTarget = await http.PostAsync("/api/v1/namespaces/default/pods/bind-raw/binding",
            new StringContent("""{"apiVersion":"v1","kind":"Binding","metadata":{"name":"bind-raw"},"target":{}}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        using var missing = await http.PostAsync("/api/v1/namespaces/default/pods/nobody/binding",
            new StringContent("""{"target":{"name":"n1"}}""", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(await ok.Content.ReadAsStringAsync(Ct));
        Assert.Equal(("Status", "Success", 201), (status.Kind, status.Status, status.Code));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noTarget.StatusCode);
        Assert.Contains("target.name", await noTarget.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ReplaceStatus_ChangesOnlyTheStatus()
    {
        var pod = await CreateAsync("status-me");
        pod.Status.Phase = "Running";
        pod.Status.PodIP = "10.1.2.3";
        pod.Metadata.Labels = new Dictionary<string, string> { ["sneaky"] = "yes" };
        pod.Spec.Containers[0].Image = "changed:1";

        var written = await _client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "status-me", "default", cancellationToken: Ct);
        var read = await _client.CoreV1.ReadNamespacedPodStatusAsync("status-me", "default", cancellationToken: Ct);

        foreach (var p in new[] { written, read })
        {
            Assert.Equal(("Running", "10.1.2.3"), (p.Status.Phase, p.Status.PodIP));
            Assert.Null(p.Metadata.Labels);
            Assert.Equal("busybox:1.36", p.Spec.Containers[0].Image);
        }

        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "status-me", "default", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.Conflict, stale.Response.StatusCode);
    }

    [Fact]
    public async Task PatchStatus_MergePatch_SetsThePhase()
    {
        await CreateAsync("patch-status");

        var patched = await _client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch("""{"status":{"phase":"Succeeded"},"spec":{"nodeName":"ignored"}}""", V1Patch.PatchType.MergePatch), "patch-status", "default", cancellationToken: Ct);

        Assert.Equal("Succeeded", patched.Status.Phase);
        Assert.Null(patched.Spec.NodeName);
    }

    [Fact]
    public async Task PodForAnotherScheduler_ShownInTheFeed_NeverQueuedByOurs()
    {
        await CreateAsync("shown-not-ours");
        var feed = host.Services.GetRequiredService<IClusterFeed>();
        using var subscription = feed.Subscribe();
        var snapshot = subscription.Initial;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!snapshot.Pods.ContainsKey("default/shown-not-ours"))
        {
            snapshot = snapshot.Apply(await subscription.ReadBatchAsync(timeout.Token));
        }

        var events = await _client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=shown-not-ours", cancellationToken: Ct);
        Assert.Empty(events.Items);
        Assert.Null((await _client.CoreV1.ReadNamespacedPodAsync("shown-not-ours", "default", cancellationToken: Ct)).Spec.NodeName);
    }

    private Task<V1Pod> CreateAsync(string name) => _client.CoreV1.CreateNamespacedPodAsync(new V1Pod
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { SchedulerName = "another-scheduler", Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] },
    }, "default", cancellationToken: Ct);

    private static V1Binding Binding(string pod, string node, string? uid) => new()
    {
        Metadata = new V1ObjectMeta { Name = pod, Uid = uid },
        Target = new V1ObjectReference { Kind = "Node", ApiVersion = "v1", Name = node },
    };
}
