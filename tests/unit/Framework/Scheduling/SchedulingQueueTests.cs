using KubeMesos.Framework.Scheduling.Queue;

namespace KubeMesos.Tests.Unit.Framework.Scheduling;

public sealed class SchedulingQueueTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    private static SchedulingQueue Queue() => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    [Fact]
    public void Ready_FirstComeFirstServed()
    {
        var queue = Queue();
        queue.Add("b");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal(["b", "a"], queue.Ready(T0));
    }

    [Fact]
    public void Backoff_DoublesFromOneSecondCappedAtSixty()
    {
        var queue = Queue();
        queue.Add("p");

        var waits = Enumerable.Range(0, 8).Select(_ => queue.Backoff("p", T0).TotalSeconds).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], waits);
    }

    [Fact]
    public void Backoff_PodNotReadyUntilItExpires()
    {
        var queue = Queue();
        queue.Add("p");
        queue.Add("q");
        queue.Backoff("p", T0);
        queue.Backoff("p", T0);

        Assert.Equal(["q"], queue.Ready(T0.AddSeconds(1)));
        Assert.Equal(["p", "q"], queue.Ready(T0.AddSeconds(2)));
        Assert.Equal(T0.AddSeconds(2), queue.NextWake);
    }

    [Fact]
    public void WakeAll_ClusterChange_ReadyAtOnceButKeepsAttempts()
    {
        var queue = Queue();
        queue.Add("p");
        queue.Backoff("p", T0);
        queue.Backoff("p", T0);

        queue.WakeAll();

        Assert.Equal(["p"], queue.Ready(T0));
        Assert.Equal(2, queue.AttemptsOf("p"));
        Assert.Equal(TimeSpan.FromSeconds(4), queue.Backoff("p", T0));
    }

    [Fact]
    public void Remove_GoneFromQueue()
    {
        var queue = Queue();
        queue.Add("p");

        Assert.True(queue.Remove("p"));
        Assert.Empty(queue.Ready(T0));
        Assert.Null(queue.NextWake);
    }
}
