using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Framework.Scheduling.Insight;

public sealed class ExplanationBookTests
{
    private static readonly DateTimeOffset T0 = InsightCluster.T0;

    private static ClassExplanation Class(string summary) =>
        new(WaitingKind.WaitsForResources, PlacementCode.Unschedulable, summary, [new AgentVerdict("S1", "a1", false, [], null)]);

    [Fact]
    public void ManyPodsOfFewClasses_KeepOneExplanationPerClass_AndFreeItWithTheLastPod()
    {
        var book = new ExplanationBook();
        book.ClassAttempted("small", Class("s"));
        book.ClassAttempted("big", Class("b"));
        for (var i = 0; i < 10_000; i++)
        {
            book.PodAttempted($"default/p{i}", i % 2 == 0 ? "small" : "big", T0);
        }

        Assert.Equal((2, 10_000), (book.ClassCount, book.PodCount));
        Assert.Same(book.For("default/p1")!.Agents, book.For("default/p3")!.Agents);

        for (var i = 0; i < 10_000; i++)
        {
            book.Forget($"default/p{i}");
        }

        Assert.Equal((0, 0), (book.ClassCount, book.PodCount));
    }

    [Fact]
    public void LatestAttemptOnly_AndPlacementReplacesIt()
    {
        var book = new ExplanationBook();
        book.ClassAttempted("c", Class("first"));
        book.PodAttempted("default/p", "c", T0);
        book.ClassAttempted("c", Class("second"));
        book.PodAttempted("default/p", "c", T0.AddSeconds(1));

        Assert.Equal(("second", T0.AddSeconds(1)), (book.For("default/p")!.Summary, book.For("default/p")!.AttemptedAt));

        book.Placed("default/p", new PlacementView("default", "p", "S1", "a1", "O1", T0.AddSeconds(2), "Spread", 150, [new RunnerUpView("a2", 120)]));

        var placed = book.For("default/p")!;
        Assert.Equal(WaitingKind.Scheduled, placed.Kind);
        Assert.Equal(150, placed.Placement!.Score);
        Assert.Equal(0, book.ClassCount);
    }
}
