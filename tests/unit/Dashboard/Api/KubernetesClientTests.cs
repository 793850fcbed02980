using System.Net;
using System.Text.Json.Nodes;
using k8s;
using KubeMesos.Tests.Unit.Support;
using k8s.Autorest;
using k8s.Models;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>The official .NET client (KubernetesClient) against the app's cluster API over real HTTP.</summary>
public sealed class KubernetesClientTests(ClusterApiHost host) : IClassFixture<ClusterApiHost>, IDisposable
{
    private readonly Kubernetes _client = new(new KubernetesClientConfiguration { Host = host.Url });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task CreateFromYaml_GetAndListWithSelectors()
    {
        var manifest = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: yaml-pod
              labels: {app: yaml, env: prod}
            spec:
              containers:
              - name: main
                image: nginx:1.27
                resources:
                  requests: {cpu: 250m, memory: 64Mi}
            """;
        var pod = KubernetesYaml.Deserialize<V1Pod>(manifest);
        await _client.CoreV1.CreateNamespacedPodAsync(MakePod("yaml-other", ("app", "other"), ("env", "dev")), "default", cancellationToken: Ct);

        var created = await _client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);
        var fetched = await _client.CoreV1.ReadNamespacedPodAsync("yaml-pod", "default", cancellationToken: Ct);
        var equality = await _client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=yaml", cancellationToken: Ct);
        var setBased = await _client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "env in (prod,staging),app notin (other)", cancellationToken: Ct);
        var byField = await _client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "metadata.name=yaml-other,status.phase=Pending", cancellationToken: Ct);

        Assert.Equal("Pending", created.Status.Phase);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal("250m", fetched.Spec.Containers[0].Resources.Requests["cpu"].ToString());
        Assert.Equal(["yaml-pod"], equality.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["yaml-pod"], setBased.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["yaml-other"], byField.Items.Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task ListWithLimit_PagesWithContinue()
    {
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "paging" } }, cancellationToken: Ct);
        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            await _client.CoreV1.CreateNamespacedPodAsync(MakePod(name), "paging", cancellationToken: Ct);
        }

        var first = await _client.CoreV1.ListNamespacedPodAsync("paging", limit: 2, cancellationToken: Ct);
        var second = await _client.CoreV1.ListNamespacedPodAsync("paging", limit: 2, continueParameter: first.Metadata.ContinueProperty, cancellationToken: Ct);

        Assert.Equal(["p1", "p2"], first.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["p3"], second.Items.Select(p => p.Metadata.Name));
        Assert.Null(second.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task MergePatchLabels_ThenWatch_SeesAddedThenModifiedWhenScheduled()
    {
        var before = await _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
        await _client.CoreV1.CreateNamespacedPodAsync(MakeSchedulablePod("watched", ("app", "w")), "default", cancellationToken: Ct);

        var patched = await _client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"tier":"front","app":null}}}""", V1Patch.PatchType.MergePatch), "watched", "default", cancellationToken: Ct);
        Assert.Equal("front", patched.Metadata.Labels["tier"]);
        Assert.False(patched.Metadata.Labels.ContainsKey("app"));

        // From the version before the create: the watch replays everything after it, then follows the scheduler.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = new List<(WatchEventType Type, V1Pod Pod)>();
        await foreach (var (type, pod) in _client.CoreV1.WatchListNamespacedPodAsync(
            "default", fieldSelector: "metadata.name=watched", resourceVersion: before.Metadata.ResourceVersion, cancellationToken: timeout.Token))
        {
            seen.Add((type, pod));
            if (pod.Status?.Phase == "Running")
            {
                break;
            }
        }

        Assert.Equal(WatchEventType.Added, seen[0].Type);
        Assert.All(seen.Skip(1), s => Assert.Equal(WatchEventType.Modified, s.Type));
        var running = seen[^1].Pod;
        Assert.False(string.IsNullOrEmpty(running.Spec.NodeName));
        Assert.Equal("front", running.Metadata.Labels["tier"]);
        Assert.Contains(seen, s => s.Pod.Spec.NodeName is not null && s.Pod.Status?.Phase == "Pending");
    }

    [Fact]
    public async Task StrategicAndJsonPatch_MergeContainersByName()
    {
        var pod = MakePod("patched");
        pod.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "envoy:1" });
        await _client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);

        var strategic = await _client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"spec":{"containers":[{"name":"sidecar","image":"envoy:2"}]}}""", V1Patch.PatchType.StrategicMergePatch), "patched", "default", cancellationToken: Ct);
        var json = await _client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""[{"op":"add","path":"/metadata/annotations","value":{"note":"hi"}}]""", V1Patch.PatchType.JsonPatch), "patched", "default", cancellationToken: Ct);

        Assert.Equal(["main:busybox", "sidecar:envoy:2"], strategic.Spec.Containers.Select(c => $"{c.Name}:{c.Image}"));
        Assert.Equal("hi", json.Metadata.Annotations["note"]);
        Assert.Equal(2, json.Spec.Containers.Count);
    }

    [Fact]
    public async Task ScaleSubresource_ReplaceAndPatch()
    {
        await _client.CoreV1.CreateNamespacedReplicationControllerAsync(MakeRc("scaled", 1), "default", cancellationToken: Ct);

        var scale = await _client.CoreV1.ReadNamespacedReplicationControllerScaleAsync("scaled", "default", cancellationToken: Ct);
        scale.Spec.Replicas = 4;
        // Unconditional, as kubectl scale is: the replication manager may write the status between read and replace.
        scale.Metadata.ResourceVersion = null;
        var replaced = await _client.CoreV1.ReplaceNamespacedReplicationControllerScaleAsync(scale, "scaled", "default", cancellationToken: Ct);
        var patched = await _client.CoreV1.PatchNamespacedReplicationControllerScaleAsync(
            new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "scaled", "default", cancellationToken: Ct);
        var rc = await _client.CoreV1.ReadNamespacedReplicationControllerAsync("scaled", "default", cancellationToken: Ct);

        Assert.Equal("app=scaled", scale.Status.Selector);
        Assert.Equal(4, replaced.Spec.Replicas);
        Assert.Equal(2, patched.Spec.Replicas);
        Assert.Equal(2, rc.Spec.Replicas);
        Assert.Equal(3, rc.Metadata.Generation);
    }

    [Fact]
    public async Task Delete_PendingPodGoesAtOnce_RunningPodTerminatesThenGoes()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(MakePod("pending-del"), "default", cancellationToken: Ct);
        await _client.CoreV1.CreateNamespacedPodAsync(MakeSchedulablePod("bound-del"), "default", cancellationToken: Ct);
        await WaitForPodAsync("bound-del", p => p?.Status?.Phase == "Running");

        await _client.CoreV1.DeleteNamespacedPodAsync("pending-del", "default", cancellationToken: Ct);
        var terminating = await _client.CoreV1.DeleteNamespacedPodAsync("bound-del", "default", new V1DeleteOptions { PropagationPolicy = "Background" }, cancellationToken: Ct);

        Assert.Null(await host.Store.GetAsync<V1Pod>("default", "pending-del", Ct));
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.Equal(30, terminating.Metadata.DeletionGracePeriodSeconds);
        // The scheduler kills the task; the pod goes once TASK_KILLED arrives, well before the grace period.
        await WaitForPodAsync("bound-del", p => p is null);
    }

    private async Task WaitForPodAsync(string name, Func<V1Pod?, bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var version = (await host.Store.CurrentVersionAsync(Ct)) - 1;
        if (condition(await host.Store.GetAsync<V1Pod>("default", name, Ct)))
        {
            return;
        }

        await foreach (var change in host.Store.WatchAsync<V1Pod>("default", Math.Max(version, 0), timeout.Token))
        {
            if (change.Object.Metadata.Name == name
                && condition(change.Type == StoreWatchEventType.Deleted ? null : change.Object))
            {
                return;
            }
        }
    }

    [Fact]
    public async Task DeleteRc_PassesThePropagationPolicyOn()
    {
        await _client.CoreV1.CreateNamespacedReplicationControllerAsync(MakeRc("orphaning", 2), "default", cancellationToken: Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var version = long.Parse((await _client.CoreV1.ReadNamespacedReplicationControllerAsync("orphaning", "default", cancellationToken: Ct)).Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);

        await _client.CoreV1.DeleteNamespacedReplicationControllerAsync("orphaning", "default", new V1DeleteOptions { PropagationPolicy = "Orphan" }, cancellationToken: Ct);

        await foreach (var change in host.Store.WatchAsync<V1ReplicationController>("default", version, timeout.Token))
        {
            if (change.Type == StoreWatchEventType.Deleted)
            {
                Assert.Equal("Orphan", change.Object.Metadata.Annotations[KubeMesos.Shared.Contracts.DeletionHints.PropagationPolicyAnnotation]);
                return;
            }
        }
    }

    [Fact]
    public async Task Namespaces_CreateInMissingIs404_DefaultCannotBeDeleted()
    {
        var missing = await FailsAsync(() => _client.CoreV1.CreateNamespacedPodAsync(MakePod("lost"), "no-such-ns", cancellationToken: Ct));
        var forbidden = await FailsAsync(() => _client.CoreV1.DeleteNamespaceAsync("default", cancellationToken: Ct));

        AssertStatus(missing, HttpStatusCode.NotFound, "NotFound");
        Assert.Contains("namespaces \"no-such-ns\" not found", missing["message"]!.GetValue<string>(), StringComparison.Ordinal);
        AssertStatus(forbidden, HttpStatusCode.Forbidden, "Forbidden");
    }

    [Fact]
    public async Task Nodes_FromTheAgents_WithCapacityLabelsAndReadyCondition()
    {
        await WaitForAgentsAsync(host);
        var nodes = await _client.CoreV1.ListNodeAsync(cancellationToken: Ct);

        var node = nodes.Items[0];
        var one = await _client.CoreV1.ReadNodeAsync(node.Metadata.Name, cancellationToken: Ct);

        Assert.Equal(node.Metadata.Name, one.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.True(node.Status.Capacity["cpu"].ToDecimal() > 0);
        Assert.True(node.Status.Allocatable["memory"].ToDecimal() > 0);
        Assert.Contains(node.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
    }

    /// <summary>A pod no agent can take (so it stays Pending however fast the scheduler is).</summary>
    private static V1Pod MakePod(string name, params (string Key, string Value)[] labels)
    {
        var pod = MakeSchedulablePod(name, labels);
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["k8s.mesosphere.io/attribute-rack"] = "nowhere" };
        return pod;
    }

    private static V1Pod MakeSchedulablePod(string name, params (string Key, string Value)[] labels) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels.ToDictionary(l => l.Key, l => l.Value) },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox" }] },
    };

    internal static V1ReplicationController MakeRc(string name, int replicas) => new()
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

    /// <summary>Waits (with a timeout) until the framework has seen at least one agent of the embedded master.</summary>
    internal static async Task WaitForAgentsAsync(ClusterApiHost host)
    {
        using var subscription = host.Services.GetRequiredService<IClusterFeed>().Subscribe();
        var snapshot = subscription.Initial;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (snapshot.Agents.Count == 0)
        {
            snapshot = snapshot.Apply(await subscription.ReadBatchAsync(timeout.Token));
        }

        await StoreWaiter.WaitForReadyNodesAsync(host.Store, snapshot.Agents.Values.Select(a => a.Hostname), TimeSpan.FromSeconds(30));
    }

    internal static async Task<JsonObject> FailsAsync(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<HttpOperationException>(call);
        var status = JsonNode.Parse(ex.Response.Content)!.AsObject();
        Assert.Equal((int)ex.Response.StatusCode, status["code"]!.GetValue<int>());
        return status;
    }

    internal static void AssertStatus(JsonObject status, HttpStatusCode code, string reason)
    {
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal((int)code, status["code"]!.GetValue<int>());
        Assert.Equal(reason, status["reason"]!.GetValue<string>());
    }
}
