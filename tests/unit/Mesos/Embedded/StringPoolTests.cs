using KubeMesos.Framework.Mesos.Embedded;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

public sealed class StringPoolTests
{
    // Built at run time: equal strings that are different instances, as two decoded messages hold them.
    private static string Copy(string value) => new(value.AsSpan());

    [Fact]
    public void Of_EqualStrings_TheFirstInstance()
    {
        var pool = new StringPool(8);
        var first = Copy("cpus");

        Assert.Same(first, pool.Of(first));
        var again = Copy("cpus");
        Assert.NotSame(first, again);
        Assert.Same(first, pool.Of(again));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Of_PoolFull_NewStringKeptAsItCameAndPoolDoesNotGrow()
    {
        var pool = new StringPool(2);
        var cpus = pool.Of(Copy("cpus"));
        pool.Of(Copy("mem"));

        var disk = Copy("disk");
        Assert.Same(disk, pool.Of(disk));
        Assert.NotSame(disk, pool.Of(Copy("disk")));
        Assert.Equal(2, pool.Count);
        Assert.Same(cpus, pool.Of(Copy("cpus")));
    }

    [Fact]
    public void ResourceBag_TwoParsedMessages_ShareTheirResourceNames()
    {
        static global::Mesos.V1.Resource Cpus() => new()
        {
            Name = Copy("cpus"), Type = global::Mesos.V1.Value.Types.Type.Scalar, Scalar = new global::Mesos.V1.Value.Types.Scalar { Value = 1 },
        };

        Assert.True(ResourceBag.TryParse([Cpus()], out var a, out _));
        Assert.True(ResourceBag.TryParse([Cpus()], out var b, out _));
        // ToProto names its resources with the bag's own strings.
        Assert.Same(a.ToProto(null).Single().Name, b.ToProto(null).Single().Name);
    }
}
