using KubeMesos.Dashboard.Model.Forms;
using KubeMesos.Framework.Scheduling.Insight;

namespace KubeMesos.Tests.Unit.Dashboard.Forms;

public sealed class FitTextTests
{
    private static FitResult Result(int now, int later, int never, string? reason = null) =>
        new(now, later, never, new Dictionary<string, int> { ["agent-2"] = now },
            reason is null ? new Dictionary<string, int>() : new Dictionary<string, int> { [reason] = never });

    [Fact]
    public void Describe_Replicas_NowLaterAndNeverWithTheReason()
    {
        var text = FitText.Describe(Result(6, 1, 1, "2 GiB more memory than any agent has"), 8, isTemplate: true);

        Assert.Equal("7 of 8 replicas fit; 1 never: 2 GiB more memory than any agent has", text);
        Assert.Equal(FitVerdict.Never, FitText.Verdict(Result(6, 1, 1)));
    }

    [Fact]
    public void Describe_AllFit_OneCountAndFitsNow()
    {
        Assert.Equal("1 of 1 replica fits now", FitText.Describe(Result(1, 0, 0), 1, isTemplate: true));
        Assert.Equal("3 of 3 replicas fit: 1 on the offers held now, 2 when the agents next offer", FitText.Describe(Result(1, 2, 0), 3, isTemplate: true));
        Assert.Equal(FitVerdict.FitsNow, FitText.Verdict(Result(3, 0, 0)));
    }

    [Fact]
    public void Describe_Pod_WhereOrWhy()
    {
        Assert.Equal("Fits now on agent-2", FitText.Describe(Result(1, 0, 0), 1, isTemplate: false));
        Assert.StartsWith("Fits: the agents have room", FitText.Describe(Result(0, 1, 0), 1, isTemplate: false), StringComparison.Ordinal);
        Assert.Equal(FitVerdict.FitsLater, FitText.Verdict(Result(0, 1, 0)));
        Assert.Equal("Never fits: 0/5 agents can ever fit", FitText.Describe(Result(0, 0, 1, "0/5 agents can ever fit"), 1, isTemplate: false));
    }
}
