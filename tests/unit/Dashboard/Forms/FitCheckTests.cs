using k8s.Models;
using KubeMesos.Dashboard.Model.Forms;
using KubeMesos.Framework.Scheduling.Insight;
using Microsoft.Extensions.Time.Testing;

namespace KubeMesos.Tests.Unit.Dashboard.Forms;

public sealed class FitCheckTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<int> _asked = [];

    private FitCheck Check() => new((pod, replicas, _) =>
    {
        _asked.Add(replicas);
        return Task.FromResult(new FitResult(replicas, 0, 0, new Dictionary<string, int>(), new Dictionary<string, int>()));
    }, _time, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));

    private static V1Pod Pod(string image = "nginx") => new()
    {
        Metadata = new V1ObjectMeta { Name = "fit-dry-run", NamespaceProperty = "default" },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = image }] },
    };

    [Fact]
    public async Task Update_TypingFast_OnlyTheLastAskedOnceTypingPauses()
    {
        using var check = Check();

        check.Update(Pod(), 1);
        check.Update(Pod(), 2);
        var last = Pod("nginx:1.27");
        check.Update(last, 3);
        Assert.Equal(FitState.Checking, check.State);
        _time.Advance(TimeSpan.FromMilliseconds(400));
        await check.Pending;

        Assert.Equal([3], _asked);
        Assert.Equal((FitState.Answered, 3), (check.State, check.Replicas));
        check.Update(Pod("nginx:1.27"), 3); // the same question: not asked again
        Assert.Equal(FitState.Answered, check.State);
    }

    [Fact]
    public void Update_IncompletePod_NothingAsked()
    {
        using var check = Check();

        check.Update(Pod(image: ""), 3);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(FitState.Incomplete, check.State);
        Assert.Empty(_asked);
    }

    [Fact]
    public async Task Ask_NoAnswerInTime_Unavailable()
    {
        static async Task<FitResult> NeverAnswers(V1Pod pod, int replicas, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        }

        using var check = new FitCheck(NeverAnswers, _time, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

        check.Update(Pod(), 1);
        await check.Pending.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(FitState.Unavailable, check.State);
    }
}
