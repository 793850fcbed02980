using KubeMesos.Framework.Offers;
using Mesos.V1;

namespace KubeMesos.Tests.Unit.Framework.Offers;

public sealed class OfferBookTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    private static Offer Offer(string id, string agent) => new()
    {
        Id = new OfferID { Value = id },
        AgentId = new AgentID { Value = agent },
        FrameworkId = new FrameworkID { Value = "fw" },
        Hostname = agent,
        Resources = { new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 2 } } },
    };

    [Fact]
    public void ByAgent_GroupsOffersOrderedByOldest()
    {
        var book = new OfferBook();
        book.Add(Offer("O1", "S1"), T0);
        book.Add(Offer("O2", "S2"), T0);
        book.Add(Offer("O3", "S1"), T0);

        var groups = book.ByAgent().Select(g => g.Select(o => o.Id).ToList()).ToList();

        Assert.Equal([["O1", "O3"], ["O2"]], groups);
        Assert.Equal(2, book.OfAgent("S1")[0].Total.Cpus);
    }

    [Fact]
    public void Remove_UsedOrRescinded_NeverHandedOutAgain()
    {
        var book = new OfferBook();
        book.Add(Offer("O1", "S1"), T0);

        Assert.NotNull(book.Remove("O1"));
        Assert.Null(book.Remove("O1"));
        Assert.False(book.Contains("O1"));
        Assert.Empty(book.ByAgent());
        Assert.Empty(book.OfAgent("S1"));
    }

    [Fact]
    public void HeldLongerThan_OnlyOldOffers()
    {
        var book = new OfferBook();
        book.Add(Offer("old", "S1"), T0);
        book.Add(Offer("new", "S2"), T0.AddSeconds(10));

        var expired = book.HeldLongerThan(TimeSpan.FromSeconds(15), T0.AddSeconds(16));

        Assert.Equal(["old"], expired.Select(o => o.Id));
    }
}
