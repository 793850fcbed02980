using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class PodExplanationModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    internal static PodExplanation Explanation(WaitingKind kind = WaitingKind.WaitsForResources) => new(
        "default/big", kind, "0/4 agents fit now: waits for resources running pods hold; closest: a2 (0.5 more cpus)", T0,
        [
            Verdict("a4", fits: false, shortfall: null, offered: true, ("NodeSelector", false, "node selector mismatch: zone=z9")),
            Verdict("a1", fits: false, shortfall: 0, offered: false, ("Resources", true, null)),
            Verdict("a3", fits: false, shortfall: 0.75, offered: true, ("Resources", false, "insufficient cpus: asked 4, offered 1, agent total 4")),
            Verdict("a2", fits: false, shortfall: 0.125, offered: true, ("Resources", false, "insufficient cpus: asked 4, offered 3.5, agent total 4")),
            Verdict("a5", fits: true, shortfall: 0, offered: true, ("Resources", true, null)) with { Score = 70 },
            Verdict("a6", fits: true, shortfall: 0, offered: true, ("Resources", true, null)) with { Score = 90 },
        ],
        null);

    private static AgentVerdict Verdict(string host, bool fits, double? shortfall, bool offered, params (string Name, bool Passed, string? Reason)[] filters)
    {
        var list = new List<FilterVerdict>();
        if (!offered)
        {
            list.Add(new FilterVerdict(PlacementExplainer.OfferFilter, false, "no outstanding offer since 11:59:00Z; last offer 1m0s ago", PlacementCode.Unschedulable));
        }

        list.AddRange(filters.Select(f => new FilterVerdict(f.Name, f.Passed, f.Reason, f.Passed ? PlacementCode.Success : PlacementCode.Unschedulable)));
        return new AgentVerdict("S-" + host, host, fits, list, null) { Shortfall = shortfall, LastOfferAt = T0.AddMinutes(-1), UnofferedSince = offered ? null : T0.AddMinutes(-1) };
    }

    [Fact]
    public void Rows_Closest_FitsByScoreThenOnceOfferedThenSmallestShortfallThenNever()
    {
        var model = new PodExplanationModel(Explanation());

        Assert.Equal(["a6", "a5", "a1", "a2", "a3", "a4"], model.Rows.Select(r => r.Hostname));
        Assert.Equal([VerdictGroup.FitsNow, VerdictGroup.FitsNow, VerdictGroup.OnceOffered, VerdictGroup.HeldByPods, VerdictGroup.HeldByPods, VerdictGroup.Never], model.Rows.Select(r => r.Group));
        Assert.Equal("a6", model.Closest!.Hostname);
        Assert.Equal("90", model.Rows[0].ScoreText);
        Assert.Equal("—", model.Rows[3].ScoreText);
    }

    [Fact]
    public void Columns_OfferFirstThenThePipelinesOrder_CellsLineUp()
    {
        var model = new PodExplanationModel(Explanation());

        Assert.Equal([PlacementExplainer.OfferFilter, "NodeSelector", "Resources"], model.Columns);
        var a2 = model.Rows.Single(r => r.Hostname == "a2");
        Assert.Equal(["—", "—", "insufficient cpus: asked 4, offered 3.5, agent total 4"], a2.Cells.Select(PodExplanationModel.CellText));
        var a1 = model.Rows.Single(r => r.Hostname == "a1");
        Assert.StartsWith("no outstanding offer since", PodExplanationModel.CellText(a1.Cells[0]), StringComparison.Ordinal);
        Assert.Equal("✓", PodExplanationModel.CellText(a1.Cells[2]));
    }

    [Fact]
    public void Group_OnlyThatGroup_CountsStayForAll()
    {
        var model = new PodExplanationModel(Explanation(), VerdictGroup.HeldByPods);

        Assert.Equal(["a2", "a3"], model.Rows.Select(r => r.Hostname));
        Assert.Equal(2, model.Counts[VerdictGroup.FitsNow]);
        Assert.Equal(1, model.Counts[VerdictGroup.OnceOffered]);
        Assert.Equal(2, model.Counts[VerdictGroup.HeldByPods]);
        Assert.Equal(1, model.Counts[VerdictGroup.Never]);
    }

    [Fact]
    public void Sort_HostnameAndScore()
    {
        Assert.Equal(["a1", "a2", "a3", "a4", "a5", "a6"], new PodExplanationModel(Explanation(), sort: VerdictSort.Hostname).Rows.Select(r => r.Hostname));
        Assert.Equal(["a6", "a5"], new PodExplanationModel(Explanation(), sort: VerdictSort.Score).Rows.Take(2).Select(r => r.Hostname));
    }

    [Fact]
    public void Closest_NoAgentEverCould_Null()
    {
        var never = Explanation(WaitingKind.NeverFits) with { Agents = [.. Explanation().Agents.Where(a => a.Shortfall is null)] };

        var model = new PodExplanationModel(never);

        Assert.Null(model.Closest);
        Assert.Equal("Never fits", model.KindTitle);
    }

    [Fact]
    public void LastOfferAndUnoffered_Ages()
    {
        var a1 = Explanation().Agents.Single(a => a.Hostname == "a1");

        Assert.Equal("1m ago", PodExplanationModel.LastOffer(a1, T0));
        Assert.Equal("no offer since 1m ago", PodExplanationModel.Unoffered(a1, T0));
        Assert.Equal("never offered", PodExplanationModel.LastOffer(a1 with { LastOfferAt = null }, T0));
    }

    [Theory]
    [InlineData(null, "—")]
    [InlineData(0.1804, "180 ms")]
    [InlineData(4.25, "4.3 s")]
    [InlineData(185.0, "3m 05s")]
    [InlineData(3720.0, "1h 02m")]
    public void PlacementText_Waited(double? seconds, string text) =>
        Assert.Equal(text, PlacementText.Waited(seconds is { } s ? TimeSpan.FromSeconds(s) : null));

    [Fact]
    public void PlacementText_RunnersUpAndScore()
    {
        Assert.Equal("a2 71.5, a3 64", PlacementText.RunnersUp([new("a2", 71.5), new("a3", 64)]));
        Assert.Equal("none", PlacementText.RunnersUp(null));
        Assert.Equal("—", PlacementText.Score(null));
    }
}
