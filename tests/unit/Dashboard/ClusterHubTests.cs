using Xunit;
using System.Text.Json;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Dashboard.Hubs;
using KubeMesos.Framework.Events;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Dashboard;

/// <summary>The hub over a real Kestrel server on a loopback port, with the real SignalR client.</summary>
public sealed class ClusterHubTests : IAsyncLifetime
{
    private readonly ClusterFeed _feed = new(Options.Create(new ClusterFeedOptions()));
    private readonly KubeMesos.Framework.Scheduling.SchedulerInbox _inbox = new();
    private WebApplication _app = null!;
    private HubConnection _connection = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IClusterFeed>(_feed);
        builder.Services.AddSingleton(_inbox);
        builder.Services.AddSingleton<KubeMesos.Framework.Scheduling.Insight.SchedulerInsight>();
        builder.Services.AddClusterHub();
        _app = builder.Build();
        _app.MapHub<ClusterHub>(ClusterHub.Path);
        await _app.StartAsync(Ct);

        _connection = new HubConnectionBuilder()
            .WithUrl(_app.Urls.First() + ClusterHub.Path)
            .AddJsonProtocol(options => ClusterHubJson.Configure(options.PayloadSerializerOptions))
            .Build();
        await _connection.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task StreamChanges_PodPlacedPublished_ClientReceivesResyncThenPlacement()
    {
        _feed.Publish(new OfferReceived(new OfferView("o-1", "a1", "agent-1", 2, 2048, 100, "31000-31010", DateTimeOffset.UnixEpoch)));
        await using var changes = _connection.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), Ct).GetAsyncEnumerator(Ct);

        Assert.True(await changes.MoveNextAsync());
        var resynced = Assert.IsType<Resynced>(changes.Current);
        Assert.Equal("agent-1", resynced.Snapshot.Offers["o-1"].Hostname);

        var placement = new PlacementView("default", "web-1", "a1", "agent-1", "o-1", DateTimeOffset.UnixEpoch.AddMinutes(1));
        _feed.Publish([new PodPlaced(placement), new OfferRemoved("o-1", OfferRemovalReason.Accepted)]);

        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(placement, Assert.IsType<PodPlaced>(changes.Current).Placement);
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(new OfferRemoved("o-1", OfferRemovalReason.Accepted), changes.Current);
    }

    [Fact]
    public async Task StreamChanges_ObjectChanges_OnTheWireWithCamelCaseKindsAndInTheResync()
    {
        var selector = new Dictionary<string, string> { ["app"] = "web" };
        var rc = new ReplicationControllerView("default", "web", "u1", 3, 2, 1, selector, selector, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch);
        _feed.Publish(new ServiceUpdated(new ServiceView("default", "front", "u2", selector, new Dictionary<string, string>(), [new ServicePortView("http", 80, "TCP", "8080")], DateTimeOffset.UnixEpoch)));
        await using var raw = _connection.StreamAsync<JsonElement>(nameof(ClusterHub.StreamChanges), Ct).GetAsyncEnumerator(Ct);
        await using var typed = _connection.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), Ct).GetAsyncEnumerator(Ct);
        Assert.True(await raw.MoveNextAsync());
        Assert.Equal(80, raw.Current.GetProperty("snapshot").GetProperty("services").GetProperty("default/front").GetProperty("ports")[0].GetProperty("port").GetInt32());
        Assert.True(await typed.MoveNextAsync());
        Assert.Equal("front", Assert.IsType<Resynced>(typed.Current).Snapshot.Services["default/front"].Name);

        _feed.Publish([
            new ReplicationControllerUpdated(rc),
            new EndpointsUpdated(new EndpointsView("default", "front", [new EndpointAddressView("web-1", "agent-0", [31000])], [])),
            new EventRecorded(new EventView("default", "web.1", "Normal", "SuccessfulCreate", "Created pod: web-1", "ReplicationController", "default", "web", 1, DateTimeOffset.UnixEpoch)),
            new ReplicationControllerRemoved("default", "web"),
        ]);

        string[] kinds = ["replicationControllerUpdated", "endpointsUpdated", "eventRecorded", "replicationControllerRemoved"];
        foreach (var kind in kinds)
        {
            Assert.True(await raw.MoveNextAsync());
            Assert.Equal(kind, raw.Current.GetProperty("kind").GetString());
            Assert.True(await typed.MoveNextAsync());
        }

        Assert.Equal("default", Assert.IsType<ReplicationControllerRemoved>(typed.Current).Namespace);
    }

    [Fact]
    public async Task StreamChanges_OnTheWire_CarriesKindDiscriminatorAndStringEnums()
    {
        await using var changes = _connection.StreamAsync<JsonElement>(nameof(ClusterHub.StreamChanges), Ct).GetAsyncEnumerator(Ct);
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal("resynced", changes.Current.GetProperty("kind").GetString());

        _feed.Publish(new OfferRemoved("o-7", OfferRemovalReason.Rescinded));

        Assert.True(await changes.MoveNextAsync());
        Assert.Equal("offerRemoved", changes.Current.GetProperty("kind").GetString());
        Assert.Equal("Rescinded", changes.Current.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task StreamChanges_ClientCancels_ServerSubscriptionDisposed()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var changes = _connection.StreamAsync<ClusterChange>(nameof(ClusterHub.StreamChanges), cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(1, _feed.SubscriberCount);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await changes.MoveNextAsync());
        await changes.DisposeAsync();
        await _connection.StopAsync(Ct);

        // The server tears the stream down on its own thread after the client has gone: wait for it, bounded.
        Assert.True(SpinWait.SpinUntil(() => _feed.SubscriberCount == 0, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task StreamPlacements_PodPlacedPublished_ClientReceivesOnlyPlacements()
    {
        await using var placements = _connection.StreamAsync<PlacementView>(nameof(ClusterHub.StreamPlacements), Ct).GetAsyncEnumerator(Ct);
        var next = placements.MoveNextAsync();
        // The stream sends nothing until a placement, so wait for the server side to have subscribed.
        Assert.True(SpinWait.SpinUntil(() => _feed.SubscriberCount == 1, TimeSpan.FromSeconds(30)));

        var placement = new PlacementView("default", "web-2", "a2", "agent-2", "o-2", DateTimeOffset.UnixEpoch.AddMinutes(2));
        _feed.Publish([new OfferRemoved("o-2", OfferRemovalReason.Accepted), new PodPlaced(placement)]);

        Assert.True(await next);
        Assert.Equal(placement, placements.Current);
    }

    [Fact]
    public void PlacementsIn_ResyncWithOlderAndNewer_YieldsOnlyNewerOldestFirst()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        PlacementView P(string name, int minute) => new("default", name, "a1", "agent-1", "o", t0.AddMinutes(minute));
        var snapshot = ClusterSnapshot.Empty().Apply(
            [new PodPlaced(P("old", 1)), new PodPlaced(P("new-1", 3)), new PodPlaced(P("new-2", 4))]);

        var result = ClusterHub.PlacementsIn([new Resynced(snapshot), new PodPlaced(P("live", 5))], after: t0.AddMinutes(2));

        Assert.Equal(["new-1", "new-2", "live"], result.Select(p => p.Name));
    }
}
