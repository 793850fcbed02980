using System.Text.Json;
using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Hubs;
using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Dashboard.Api;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Dashboard;

/// <summary>
/// The hub's explanation methods against the whole app (scheduler loop, embedded master) with the real SignalR client:
/// a pod created through the Kubernetes API is explained as the scheduler tries it.
/// </summary>
public sealed class ClusterHubInsightTests(ClusterApiHost host) : IClassFixture<ClusterApiHost>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Kubernetes _client = new(new KubernetesClientConfiguration { Host = host.Url });
    private HubConnection _hub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _hub = new HubConnectionBuilder()
            .WithUrl(host.Url + ClusterHub.Path)
            .AddJsonProtocol(options => ClusterHubJson.Configure(options.PayloadSerializerOptions))
            .Build();
        await _hub.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _client.Dispose();
    }

    [Fact]
    public async Task StreamPodExplanation_PodBiggerThanEveryAgent_StreamsNeverFitsPerAgentAndPerFilter()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        // Opened before the pod exists: the stream starts empty and tells the first attempt when it happens.
        await using var updates = _hub.StreamAsync<PodExplanation>(nameof(ClusterHub.StreamPodExplanation), "default", "hub-huge", timeout.Token)
            .GetAsyncEnumerator(timeout.Token);
        var first = updates.MoveNextAsync();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("hub-huge", "1000"), "default", cancellationToken: Ct);

        Assert.True(await first);
        while (updates.Current.Kind != WaitingKind.NeverFits)
        {
            Assert.True(await updates.MoveNextAsync());
        }

        var explanation = updates.Current;
        Assert.Equal("default/hub-huge", explanation.Pod);
        Assert.StartsWith($"0/{explanation.Agents.Count} agents can ever fit: 1000", explanation.Summary, StringComparison.Ordinal);
        Assert.NotNull(explanation.AttemptedAt);
        Assert.NotEmpty(explanation.Agents);
        Assert.All(explanation.Agents, agent =>
        {
            Assert.False(agent.Fits);
            Assert.Null(agent.Shortfall);
            var resources = Assert.Single(agent.Filters, f => f.Name == "Resources");
            Assert.False(resources.Passed);
            Assert.Matches(@"^insufficient cpus: asked 1000(\.\d+)?, (offered|unused) [\d.]+, agent total [\d.]+$", resources.Reason);
        });
    }

    [Fact]
    public async Task GetPodExplanation_PlacedPod_ThePlacementRecord_OnTheWireAsCamelCaseWithStringKinds()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("hub-small", "100m"), "default", cancellationToken: Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        await using var updates = _hub.StreamAsync<JsonElement>(nameof(ClusterHub.StreamPodExplanation), "default", "hub-small", timeout.Token)
            .GetAsyncEnumerator(timeout.Token);
        do
        {
            Assert.True(await updates.MoveNextAsync());
        }
        while (updates.Current.GetProperty("kind").GetString() != "Scheduled" || updates.Current.GetProperty("placement").ValueKind != JsonValueKind.Object);

        var once = await _hub.InvokeAsync<PodExplanation?>(nameof(ClusterHub.GetPodExplanation), "default", "hub-small", Ct);
        var stored = await _client.CoreV1.ReadNamespacedPodAsync("hub-small", "default", cancellationToken: Ct);
        Assert.NotNull(once);
        Assert.Equal(WaitingKind.Scheduled, once.Kind);
        Assert.Equal(stored.Spec.NodeName, once.Placement!.Hostname);
        Assert.Equal(stored.Spec.NodeName, updates.Current.GetProperty("placement").GetProperty("hostname").GetString());
        Assert.False(string.IsNullOrEmpty(once.Placement.Strategy));
    }

    [Fact]
    public async Task GetPodExplanation_UnknownPod_Null()
    {
        var explanation = await _hub.InvokeAsync<PodExplanation?>(nameof(ClusterHub.GetPodExplanation), "default", "no-such-pod", Ct);

        Assert.Null(explanation);
    }

    [Fact]
    public void MayChange_OnlyAttemptsAndTheSamePod()
    {
        var at = DateTimeOffset.UnixEpoch;
        Assert.True(ClusterHub.MayChange(new PlacementAttempted(at, 3), "default/a"));
        Assert.True(ClusterHub.MayChange(new PodPlaced(new PlacementView("default", "a", "s", "h", "o", at)), "default/a"));
        Assert.False(ClusterHub.MayChange(new PodPlaced(new PlacementView("default", "b", "s", "h", "o", at)), "default/a"));
        Assert.False(ClusterHub.MayChange(new OfferRemoved("o", OfferRemovalReason.Declined), "default/a"));
    }

    private static V1Pod Pod(string name, string cpu) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container
            {
                Name = "main",
                Image = "nginx:1.27",
                Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new("32Mi") } },
            }],
        },
    };
}
