using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Tests.Unit.Framework.Scheduling.Pipeline;

public sealed class PortRangesTests
{
    [Fact]
    public void TryTake_MiddlePort_SplitsRange()
    {
        var ports = new PortRanges([(31000, 31010)]);

        Assert.True(ports.TryTake(31005));

        Assert.Equal("[31000-31004, 31006-31010]", ports.ToString());
        Assert.False(ports.Contains(31005));
        Assert.Equal(10UL, ports.Count);
    }

    [Fact]
    public void TryTake_TakenOrOutside_False()
    {
        var ports = new PortRanges([(31000, 31000)]);

        Assert.True(ports.TryTake(31000));
        Assert.False(ports.TryTake(31000));
        Assert.False(ports.TryTake(80));
        Assert.True(ports.IsEmpty);
    }

    [Fact]
    public void TakeAny_TakesLowestUntilEmpty()
    {
        var ports = new PortRanges([(31002, 31002), (31000, 31000)]);

        Assert.Equal(31000UL, ports.TakeAny());
        Assert.Equal(31002UL, ports.TakeAny());
        Assert.Null(ports.TakeAny());
    }

    [Fact]
    public void Add_TouchingAndOverlapping_Merges()
    {
        var ports = new PortRanges([(31000, 31099), (31200, 31999)]);

        ports.Add(31100, 31199);

        Assert.Equal("[31000-31999]", ports.ToString());
    }
}
