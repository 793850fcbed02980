using KubeMesos.Framework.Scheduling;

namespace KubeMesos.Tests.Unit.Framework.Scheduling;

public sealed class OwnPodWritesTests
{
    [Fact]
    public void AnExpectedVersion_IsSkippedOnce()
    {
        var writes = new OwnPodWrites();
        writes.Expect(7);

        Assert.False(writes.Skip(6));
        Assert.True(writes.Skip(7));
        Assert.False(writes.Skip(7));
    }

    [Fact]
    public void VersionsTheWatchWentPast_AreForgotten()
    {
        // Registered after their echo was delivered: the watch never comes back to them.
        var writes = new OwnPodWrites();
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
        var writes = new OwnPodWrites();
        writes.Expect(4);
        writes.Clear();

        Assert.False(writes.Skip(4));
    }
}
