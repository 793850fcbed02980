using CsCheck;
using KubeMesos.Framework.Mesos.Embedded;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

/// <summary>
/// <see cref="ResourceBag.Sum"/> (one accumulation, what the allocator uses over every live task) gives the same bag
/// as adding the terms one by one, whatever the names, values, overlapping or adjacent port ranges and empty terms.
/// </summary>
public sealed class ResourceBagSumProperties
{
    private static readonly string[] s_names = ["cpus", "mem", "disk", "gpus"];

    private static readonly Gen<ResourceBag> s_bag =
        Gen.Select(
            Gen.Select(Gen.Int[0, 3].Select(i => s_names[i]), Gen.Int[0, 4000].Select(m => m / 8.0)).Array[0, 4],
            Gen.Select(Gen.UInt[31000, 31100], Gen.UInt[0, 20]).Array[0, 3])
        .Select((scalars, ranges) => ResourceBag.Create(
            scalars.Select(s => KeyValuePair.Create(s.Item1, s.Item2)),
            ranges.Select(r => KeyValuePair.Create("ports", ((ulong)r.Item1, (ulong)(r.Item1 + r.Item2))))));

    [Fact]
    public void Sum_IsTheChainOfAdds() =>
        s_bag.Array[0, 12].Sample(bags =>
            Assert.Equal(bags.Aggregate(ResourceBag.Empty, (sum, b) => sum.Add(b)).ToString(), ResourceBag.Sum(bags).ToString()));

    [Fact]
    public void Sum_OfOneBag_IsThatBag()
    {
        var bag = ResourceBag.Create([new("cpus", 1.5)], [new("ports", (31000UL, 31005UL))]);
        Assert.Same(bag, ResourceBag.Sum([ResourceBag.Empty, bag, ResourceBag.Empty]));
        Assert.Same(ResourceBag.Empty, ResourceBag.Sum([]));
    }
}
