using KubeMesos.Framework.Events;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Framework.Events;

public sealed class ClusterFeedTests
{
    private static OfferView Offer(string id) => new(id, "S0", "agent-0", 4, 8192, 1000, "[31000-32000]", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Subscribe_AfterPublish_GetsSnapshotThenOnlyLaterChanges()
    {
        var feed = new ClusterFeed(Options.Create(new ClusterFeedOptions()));
        feed.Publish(new OfferReceived(Offer("O1")));

        using var subscription = feed.Subscribe();
        feed.Publish(new OfferReceived(Offer("O2")));

        Assert.Equal(["O1"], subscription.Initial.Offers.Keys);
        var batch = await subscription.ReadBatchAsync(TestContext.Current.CancellationToken);
        var received = Assert.IsType<OfferReceived>(Assert.Single(batch));
        Assert.Equal("O2", received.Offer.OfferId);
        Assert.Equal(["O1", "O2"], feed.Current.Offers.Keys.Order());
    }

    [Fact]
    public async Task Publish_SubscriberFallsBehind_GetsOneResyncWithTheWholePicture()
    {
        var feed = new ClusterFeed(Options.Create(new ClusterFeedOptions { SubscriberCapacity = 4 }));
        using var subscription = feed.Subscribe();

        for (var i = 0; i < 10; i++)
        {
            feed.Publish(new OfferReceived(Offer($"O{i}")));
        }

        var snapshot = subscription.Initial.Apply(await subscription.ReadBatchAsync(TestContext.Current.CancellationToken));
        Assert.Equal(10, snapshot.Offers.Count);
    }

    [Fact]
    public void Dispose_Subscription_StopsDelivery()
    {
        var feed = new ClusterFeed(Options.Create(new ClusterFeedOptions()));
        var subscription = feed.Subscribe();

        subscription.Dispose();
        feed.Publish(new OfferReceived(Offer("O1")));

        Assert.Equal(0, feed.SubscriberCount);
        Assert.False(subscription.Changes.TryRead(out _));
    }
}
