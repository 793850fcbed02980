using Xunit;
using System.Threading.Channels;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Events;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class LiveClusterViewTests
{
    private static readonly TimeSpan Throttle = TimeSpan.FromMilliseconds(150);
    private readonly ClusterFeed _feed = new(Options.Create(new ClusterFeedOptions()));
    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OfferReceived Offer(string id) =>
        new(new OfferView(id, "a1", "agent-1", 1, 1024, 0, "", DateTimeOffset.UnixEpoch));

    [Fact]
    public async Task Start_FeedHasState_SnapshotIsSubscriptionInitial()
    {
        _feed.Publish(Offer("o-1"));
        await using var view = new LiveClusterView(_feed, _time, Throttle);

        view.Start();

        Assert.Contains("o-1", view.Snapshot.Offers.Keys);
        Assert.Equal(1, _feed.SubscriberCount);
    }

    [Fact]
    public async Task Changed_ChangePublished_AppliedThenCallbackRuns()
    {
        await using var view = new LiveClusterView(_feed, _time, Throttle);
        var renders = Channel.CreateUnbounded<ClusterSnapshot>();
        view.Changed = () => { renders.Writer.TryWrite(view.Snapshot); return Task.CompletedTask; };
        view.Start();

        _feed.Publish(Offer("o-1"));

        var rendered = await renders.Reader.ReadAsync(Ct);
        Assert.Contains("o-1", rendered.Offers.Keys);
    }

    [Fact]
    public async Task Changed_BurstDuringThrottle_CoalescedIntoOneRenderAfterThrottle()
    {
        await using var view = new LiveClusterView(_feed, _time, Throttle);
        var renders = Channel.CreateUnbounded<ClusterSnapshot>();
        var firstRenderDone = new TaskCompletionSource();
        var gate = firstRenderDone.Task;
        view.Changed = () => { renders.Writer.TryWrite(view.Snapshot); return gate; };
        view.Start();

        _feed.Publish(Offer("o-1"));
        Assert.Single((await renders.Reader.ReadAsync(Ct)).Offers);
        _feed.Publish(Offer("o-2"));
        _feed.Publish(Offer("o-3"));
        gate = Task.CompletedTask;
        // Completes the first render; the loop goes on inline into its throttle delay on the fake clock.
        firstRenderDone.SetResult();

        Assert.False(renders.Reader.TryRead(out _));
        _time.Advance(Throttle);

        var second = await renders.Reader.ReadAsync(Ct);
        Assert.Equal(3, second.Offers.Count);
        Assert.Equal(2, view.BatchesApplied);
    }

    [Fact]
    public async Task Snapshot_ResyncedReceived_ReplacedByResyncSnapshot()
    {
        await using var view = new LiveClusterView(_feed, _time, TimeSpan.Zero);
        var renders = Channel.CreateUnbounded<ClusterSnapshot>();
        view.Changed = () => { renders.Writer.TryWrite(view.Snapshot); return Task.CompletedTask; };
        _feed.Publish(Offer("o-1"));
        view.Start();

        var replacement = ClusterSnapshot.Empty("http://master:5050").Apply(Offer("o-9"));
        _feed.Publish(new Resynced(replacement));

        var rendered = await renders.Reader.ReadAsync(Ct);
        Assert.Equal(["o-9"], rendered.Offers.Keys);
    }

    [Fact]
    public async Task DisposeAsync_Running_StopsLoopAndUnsubscribes()
    {
        var view = new LiveClusterView(_feed, _time, Throttle);
        view.Start();

        await view.DisposeAsync();

        Assert.True(view.Completion.IsCompletedSuccessfully);
        Assert.Equal(0, _feed.SubscriberCount);
    }

    [Fact]
    public async Task DisposeAsync_DuringThrottle_StopsWithoutWaitingForClock()
    {
        var view = new LiveClusterView(_feed, _time, TimeSpan.FromHours(1));
        var renders = Channel.CreateUnbounded<ClusterSnapshot>();
        view.Changed = () => { renders.Writer.TryWrite(view.Snapshot); return Task.CompletedTask; };
        view.Start();
        _feed.Publish(Offer("o-1"));
        await renders.Reader.ReadAsync(Ct);

        await view.DisposeAsync();

        Assert.True(view.Completion.IsCompletedSuccessfully);
        Assert.Equal(0, _feed.SubscriberCount);
    }

    [Fact]
    public async Task Start_Twice_Throws()
    {
        await using var view = new LiveClusterView(_feed, _time, Throttle);
        view.Start();

        Assert.Throws<InvalidOperationException>(view.Start);
    }

    [Fact]
    public async Task Snapshot_BatchCaughtUpWithFeed_SharesFeedSnapshotAcrossViews()
    {
        await using var first = new LiveClusterView(_feed, _time, TimeSpan.Zero);
        await using var second = new LiveClusterView(_feed, _time, TimeSpan.Zero);
        var renders = Channel.CreateUnbounded<ClusterSnapshot>();
        first.Changed = () => { renders.Writer.TryWrite(first.Snapshot); return Task.CompletedTask; };
        second.Changed = () => { renders.Writer.TryWrite(second.Snapshot); return Task.CompletedTask; };
        first.Start();
        second.Start();

        _feed.Publish([Offer("o-1"), Offer("o-2")]);

        var a = await renders.Reader.ReadAsync(Ct);
        var b = await renders.Reader.ReadAsync(Ct);
        Assert.Same(_feed.Current, a);
        Assert.Same(a, b);
    }

    [Fact]
    public async Task Snapshot_FeedAheadOfBatch_AppliesBatchItself()
    {
        var ahead = new AheadFeed(_feed);
        await using var view = new LiveClusterView(ahead, _time, TimeSpan.Zero);
        var renders = Channel.CreateUnbounded<ClusterSnapshot>();
        view.Changed = () => { renders.Writer.TryWrite(view.Snapshot); return Task.CompletedTask; };
        view.Start();

        _feed.Publish(Offer("o-1"));

        var rendered = await renders.Reader.ReadAsync(Ct);
        Assert.Equal(["o-1"], rendered.Offers.Keys);
        Assert.DoesNotContain("published-meanwhile", rendered.Offers.Keys);
    }

    /// <summary>A feed whose current snapshot is always further on than the changes its subscribers have read.</summary>
    private sealed class AheadFeed(ClusterFeed inner) : IClusterFeed
    {
        public ClusterSnapshot Current => inner.Current.Apply(Offer("published-meanwhile"));

        public ClusterSubscription Subscribe() => inner.Subscribe();
    }
}
