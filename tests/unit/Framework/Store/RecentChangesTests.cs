using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

public sealed class RecentChangesTests
{
    private static StoreChange Change(long version, string resource = "pods", string? ns = "default") =>
        new(version, resource, ns, StoreWatchEventType.Added, System.Text.Encoding.UTF8.GetBytes($"{{\"v\":{version}}}"));

    /// <summary>"versions → next", or "not found".</summary>
    private static string Read(RecentChanges recent, long seen, string resource = "pods", string? ns = null, int limit = 100)
    {
        var into = new List<StoreChange>();
        return recent.TryRead(resource, ns, seen, limit, into, out var next)
            ? $"[{string.Join(",", into.Select(c => c.Version))}] → {next}"
            : "not found";
    }

    [Fact]
    public void Read_AfterSeen_OnlyThatResourceAndNamespace_UpToTheLatest()
    {
        var recent = new RecentChanges(10, version: 5, compacted: 0);
        recent.Committed(5, [Change(6), Change(7, "events"), Change(8, ns: "other"), Change(9)], compacted: 0);

        Assert.Equal("[6,8,9] → 9", Read(recent, 5));
        Assert.Equal("[6,9] → 9", Read(recent, 5, ns: "default"));
        Assert.Equal("[9] → 9", Read(recent, 8));
        Assert.Equal("[] → 9", Read(recent, 9));
    }

    [Fact]
    public void Read_Limit_NextIsTheLastReturned()
    {
        var recent = new RecentChanges(10, version: 0, compacted: 0);
        recent.Committed(0, [Change(1), Change(2), Change(3)], compacted: 0);

        Assert.Equal("[1,2] → 2", Read(recent, 0, limit: 2));
    }

    [Fact]
    public void Read_BehindWhatMemoryHolds_NotFound()
    {
        var recent = new RecentChanges(2, version: 0, compacted: 0);
        recent.Committed(0, [Change(1), Change(2), Change(3)], compacted: 0);

        Assert.Equal("not found", Read(recent, 0));
        Assert.Equal("[2,3] → 3", Read(recent, 1));
    }

    [Fact]
    public void Committed_AfterAnotherWritersChanges_ForgetsWhatCameBefore()
    {
        var recent = new RecentChanges(10, version: 0, compacted: 0);
        recent.Committed(0, [Change(1)], compacted: 0);

        // Versions 2 and 3 were committed by someone else: memory cannot tell what they were.
        recent.Committed(3, [Change(4)], compacted: 0);

        Assert.Equal("not found", Read(recent, 1));
        Assert.Equal("[4] → 4", Read(recent, 3));
    }

    [Fact]
    public void Read_BehindTheCompactedLog_NotFound_SoTheLogAnswersGone()
    {
        var recent = new RecentChanges(10, version: 0, compacted: 0);
        recent.Committed(0, [Change(1), Change(2), Change(3)], compacted: 2);

        Assert.Equal("not found", Read(recent, 1));
        Assert.Equal("[3] → 3", Read(recent, 2));
    }

    [Fact]
    public void Read_AheadOfMemory_NotFound()
    {
        var recent = new RecentChanges(10, version: 4, compacted: 0);

        Assert.Equal("not found", Read(recent, 7));
    }
}
