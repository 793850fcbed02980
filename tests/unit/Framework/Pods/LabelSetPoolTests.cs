using KubeMesos.Framework.Pods;
using Xunit;

namespace KubeMesos.Tests.Unit.Framework.Pods;

public sealed class LabelSetPoolTests
{
    private static Dictionary<string, string> Labels(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Of_EqualSetsInAnyOrder_OneSharedInstance()
    {
        var pool = new LabelSetPool(16);

        var first = pool.Of(Labels(("app", "web"), ("tier", "front")));
        var second = pool.Of(Labels(("tier", "front"), ("app", "web")));

        Assert.Same(first, second);
        Assert.Equal(1, pool.Count);
        Assert.Equal("web", first["app"]);
        Assert.Equal("front", first["tier"]);
    }

    [Fact]
    public void Of_SetsThatDifferInAValueOrAKey_AreNotShared()
    {
        var pool = new LabelSetPool(16);

        var web = pool.Of(Labels(("app", "web")));
        var db = pool.Of(Labels(("app", "db")));
        var more = pool.Of(Labels(("app", "web"), ("env", "prod")));
        var renamed = pool.Of(Labels(("name", "web")));

        Assert.Equal(4, new[] { web, db, more, renamed }.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(4, pool.Count);
        Assert.Equal(2, more.Count);
    }

    [Fact]
    public void Of_PoolFull_NewSetIsACopyAndNotPooled()
    {
        var pool = new LabelSetPool(1);
        var kept = pool.Of(Labels(("app", "web")));

        var source = Labels(("app", "db"));
        var first = pool.Of(source);
        var second = pool.Of(Labels(("app", "db")));

        Assert.Same(kept, pool.Of(Labels(("app", "web"))));
        Assert.NotSame(first, second);
        Assert.Equal(source, first);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Of_ReturnsACopy_LaterChangesOfThePodsMapDoNotReachIt()
    {
        var pool = new LabelSetPool(16);
        var source = Labels(("app", "web"));

        var shared = pool.Of(source);
        source["app"] = "changed";

        Assert.Equal("web", shared["app"]);
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, string>)shared)["app"] = "x");
    }

    [Fact]
    public void Of_NoLabels_EmptySet()
    {
        var pool = new LabelSetPool(16);

        Assert.Empty(pool.Of(null));
        Assert.Empty(pool.Of(new Dictionary<string, string>()));
        Assert.Equal(0, pool.Count);
    }
}
