using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

public sealed class OwnWritesTests
{
    [Fact]
    public void AnExpectedVersion_IsSkippedOnce()
    {
        var writes = new OwnWrites();
        writes.Expect(7);

        Assert.False(writes.Skip(6));
        Assert.True(writes.Skip(7));
        Assert.False(writes.Skip(7));
    }

    [Fact]
    public void VersionsTheWatchWentPast_AreForgotten()
    {
        // Registered after their echo was delivered: the watch never comes back to them.
        var writes = new OwnWrites();
        writes.Expect(3);
        writes.Expect(5);
        writes.Expect(9);

        Assert.False(writes.Skip(6));

        Assert.Equal(1, writes.Count);
        Assert.True(writes.Skip(9));
        Assert.Equal(0, writes.Count);
    }

    [Fact]
    public void Clear_ForgetsEverything()
    {
        var writes = new OwnWrites();
        writes.Expect(4);
        writes.Clear();

        Assert.False(writes.Skip(4));
    }

    [Fact]
    public void TryExpect_AVersionTheWatchPassedOrAListIncluded_IsRefused()
    {
        var writes = new OwnWrites();
        Assert.False(writes.Skip(10));

        Assert.False(writes.TryExpect(10));
        Assert.False(writes.TryExpect(8));
        Assert.True(writes.TryExpect(11));
        Assert.True(writes.Skip(11));

        writes.Clear(listed: 20);
        Assert.False(writes.TryExpect(20));
        Assert.True(writes.TryExpect(21));
    }
}
