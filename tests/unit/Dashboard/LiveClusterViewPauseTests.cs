using System.Threading.Channels;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Events;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class LiveClusterViewPauseTests
{
    private readonly ClusterFeed _feed = new(Options.Create(new ClusterFeedOptions()));
    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OfferReceived Offer(string id) =>
        new(new OfferView(id, "a1", "agent-1", 1, 1024, 0, "", DateTimeOffset.UnixEpoch));

    [Fact]
    public async Task Pause_ChangesArrive_SnapshotFrozenAndWaitingCounted()
    {
        await using var view = new LiveClusterView(_feed, _time, TimeSpan.Zero);
        var renders = Channel.CreateUnbounded<int>();
        view.Changed = () => { renders.Writer.TryWrite(view.WaitingChanges); return Task.CompletedTask; };
        view.Start();

        view.Pause();
        _feed.Publish([Offer("o-1"), Offer("o-2")]);
        _feed.Publish(Offer("o-3"));

        while (await renders.Reader.ReadAsync(Ct) < 3)
        {
        }

        Assert.True(view.IsPaused);
        Assert.Empty(view.Snapshot.Offers);
        Assert.Equal(3, view.Latest.Offers.Count);
    }

    [Fact]
    public async Task Resume_AfterChangesWhilePaused_ShowsThemAllAndCountsFromZero()
    {
        await using var view = new LiveClusterView(_feed, _time, TimeSpan.Zero);
        var renders = Channel.CreateUnbounded<int>();
        view.Changed = () => { renders.Writer.TryWrite(view.WaitingChanges); return Task.CompletedTask; };
        view.Start();
        view.Pause();
        _feed.Publish([Offer("o-1"), Offer("o-2")]);
        while (await renders.Reader.ReadAsync(Ct) < 2)
        {
        }

        view.Resume();

        Assert.False(view.IsPaused);
        Assert.Equal(0, view.WaitingChanges);
        Assert.Equal(["o-1", "o-2"], view.Snapshot.Offers.Keys.Order());

        _feed.Publish(Offer("o-3"));
        Assert.Equal(0, await renders.Reader.ReadAsync(Ct));
        Assert.Equal(3, view.Snapshot.Offers.Count);
    }

    [Fact]
    public async Task Changed_Throws_LoopGoesOnWithTheNextBatch()
    {
        await using var view = new LiveClusterView(_feed, _time, TimeSpan.Zero);
        var renders = Channel.CreateUnbounded<int>();
        var calls = 0;
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        view.Changed = () =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                failed.SetResult();
                throw new InvalidOperationException("render failed");
            }

            renders.Writer.TryWrite(view.Snapshot.Offers.Count);
            return Task.CompletedTask;
        };
        view.Start();

        _feed.Publish(Offer("o-1"));
        await failed.Task.WaitAsync(Ct);
        _feed.Publish(Offer("o-2"));

        Assert.Equal(2, await renders.Reader.ReadAsync(Ct));
        Assert.Equal(1, view.FailedRenders);
        Assert.False(view.Completion.IsCompleted);
    }
}
