using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Model;
using static KubeMesos.Tests.Unit.Dashboard.Labels.LabelFixtures;

namespace KubeMesos.Tests.Unit.Dashboard.Labels;

public sealed class LabelChangeModelTests
{
    private static readonly LabelEdit ToWeb = LabelEdit.Set("tier", "web");

    private static Func<IReadOnlyCollection<string>, CancellationToken, Task<ClusterObjects>> Reads(params ClusterObjects[] states)
    {
        var next = 0;
        return (_, _) => Task.FromResult(states[Math.Min(next++, states.Length - 1)]);
    }

    private static async Task<LabelChangeModel> ProposedAsync(Func<IReadOnlyCollection<string>, CancellationToken, Task<ClusterObjects>> read, params string[] pods)
    {
        var model = new LabelChangeModel();
        await model.ProposeAsync(pods.Select(p => $"default/{p}").ToList(), [ToWeb], read, Now, 500, TestContext.Current.CancellationToken);
        return model;
    }

    [Fact]
    public async Task Apply_ConflictRetriedOnNewest_EditsAppliedToTheNewestLabels()
    {
        var read = Reads(Objects([Pod("db-1", "db")]));
        var model = await ProposedAsync(read, "db-1");
        V1Pod? written = null;

        var results = await model.ApplyAsync((ns, name, mutate, ct) =>
        {
            // First attempt on what the preview saw, then (a conflict) on the newest, which someone else relabelled.
            Assert.NotNull(mutate(Pod(name, "db")));
            var newest = Pod(name, "cache");
            newest.Metadata.Labels["owner"] = "team-a";
            written = mutate(newest);
            return Task.FromResult(written!);
        }, read, Now, 500, TestContext.Current.CancellationToken);

        Assert.Equal(LabelApplyOutcome.Applied, Assert.Single(results).Outcome);
        Assert.Equal("web", written!.Metadata.Labels["tier"]);
        Assert.Equal("team-a", written.Metadata.Labels["owner"]);
        Assert.False(model.IsPending);
    }

    [Fact]
    public async Task Apply_OneRefused_ExplainedAndTheOthersWritten()
    {
        var read = Reads(Objects([Pod("db-1", "db"), Pod("db-2", "db"), Pod("web-1", "web")]));
        var model = await ProposedAsync(read, "db-1", "db-2", "web-1");

        var results = await model.ApplyAsync((ns, name, mutate, ct) => name == "db-1"
                ? throw new ClusterWriteException(new V1Status { Reason = "Conflict", Code = 409, Message = "pod \"db-1\" kept changing; try again" })
                : Task.FromResult(mutate(Pod(name, "db"))!),
            read, Now, 500, TestContext.Current.CancellationToken);

        Assert.Equal(2, results.Count);
        var failed = Assert.Single(results, r => r.Outcome == LabelApplyOutcome.Failed);
        Assert.Equal(("db-1", "pod \"db-1\" kept changing; try again"), (failed.Name, failed.Message));
        Assert.Equal(LabelApplyOutcome.Applied, results.Single(r => r.Name == "db-2").Outcome);
        Assert.Equal(1, model.Results.Count(r => r.Outcome == LabelApplyOutcome.Failed));
    }

    [Fact]
    public async Task Apply_NewestAlreadySo_Unchanged()
    {
        var read = Reads(Objects([Pod("db-1", "db")]));
        var model = await ProposedAsync(read, "db-1");

        var results = await model.ApplyAsync((ns, name, mutate, ct) =>
        {
            Assert.Null(mutate(Pod(name, "web")));
            return Task.FromResult(Pod(name, "web"));
        }, read, Now, 500, TestContext.Current.CancellationToken);

        Assert.Equal(LabelApplyOutcome.Unchanged, Assert.Single(results).Outcome);
    }

    [Fact]
    public async Task Apply_ClusterChangedSincePreview_ShowsNewPreviewAndWritesNothing()
    {
        var rc = Rc("web", 1, "web");
        var before = Objects([Pod("db-1", "db")], [Service("web", "web")]);
        var after = Objects([Pod("db-1", "db"), Pod("web-a", "web", rc)], [Service("web", "web")], [rc]);
        var read = Reads(before, after);
        var model = await ProposedAsync(read, "db-1");
        Assert.Empty(model.Impact!.ReplicationControllers);
        var writes = 0;

        var results = await model.ApplyAsync((_, _, _, _) =>
        {
            writes++;
            return Task.FromResult(new V1Pod());
        }, read, Now, 500, TestContext.Current.CancellationToken);

        Assert.Empty(results);
        Assert.Equal(0, writes);
        Assert.NotNull(model.StaleNotice);
        Assert.True(model.IsPending);
        Assert.Single(model.Impact!.ReplicationControllers); // rc web now adopts db-1 and deletes a surplus pod
    }
}
