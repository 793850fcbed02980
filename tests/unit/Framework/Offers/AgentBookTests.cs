using KubeMesos.Framework.Scheduling;
using KubeMesos.Tests.Unit.Framework.Scheduling.Insight;

namespace KubeMesos.Tests.Unit.Framework.Offers;

public sealed class AgentBookTests
{
    private static readonly DateTimeOffset T0 = InsightCluster.T0;

    [Fact]
    public void Total_IsWhatOurPodsHoldPlusWhatIsOffered_AndKeepsAcrossOffers()
    {
        var cluster = new InsightCluster();
        cluster.Offer("a1", cpus: 4, mem: 4096);
        cluster.Run("a1", "default/p1", cpus: 3, mem: 1024);
        cluster.Offer("a1", cpus: 1, mem: 3072, at: T0.AddSeconds(5));

        var entry = cluster.Agents.Find("S-a1")!;

        Assert.Equal(new ResourceDemand(4, 4096, 10_000), entry.Total);
        Assert.Equal(new ResourceDemand(3, 1024, 0), entry.Used);
        Assert.Equal(1, entry.Unused.Cpus, 3);
        Assert.Equal(T0.AddSeconds(5), entry.LastOfferAt);
    }

    [Fact]
    public void Finished_GivesTheResourcesAndPortsBack_OnceOnly()
    {
        var cluster = new InsightCluster();
        cluster.Offer("a1", cpus: 4);
        cluster.Run("a1", "default/p1", cpus: 2, hostPorts: [31000]);
        var entry = cluster.Agents.Find("S-a1")!;
        Assert.True(entry.PortHeld(31000));
        Assert.False(entry.PortsIfOffered().Contains(31000));

        cluster.Agents.Finished("S-a1", "default/p1");
        cluster.Agents.Finished("S-a1", "default/p1");

        Assert.Equal(0, entry.Used.Cpus, 3);
        Assert.False(entry.PortHeld(31000));
        Assert.Equal(4, entry.Total.Cpus, 3);
    }

    [Fact]
    public void LaunchReportedTwice_CountsOnce()
    {
        var cluster = new InsightCluster();
        cluster.Agents.Launched("S-a1", "a1", "default/p1", new ResourceDemand(1, 100, 0));
        cluster.Agents.Launched("S-a1", "a1", "default/p1", new ResourceDemand(1, 100, 0));

        Assert.Equal(1, cluster.Agents.Find("S-a1")!.Used.Cpus, 3);
    }

    [Fact]
    public void LastOfferGone_RecordsSince_NewOfferClearsIt()
    {
        var cluster = new InsightCluster();
        cluster.Offer("a1", cpus: 4);
        cluster.Withdraw("a1", at: T0.AddSeconds(10));
        var entry = cluster.Agents.Find("S-a1")!;

        Assert.Equal(T0.AddSeconds(10), entry.UnofferedSince);
        Assert.Equal(default, entry.Offered);

        cluster.Offer("a1", cpus: 4, at: T0.AddSeconds(20));
        Assert.Null(entry.UnofferedSince);
    }

    [Fact]
    public void RemovedAgent_Leaves()
    {
        var cluster = new InsightCluster();
        cluster.Offer("a1", cpus: 4);
        cluster.Offer("a2", cpus: 4);

        Assert.True(cluster.Agents.Remove("S-a1"));

        Assert.Null(cluster.Agents.Find("S-a1"));
        Assert.Equal(["a2"], cluster.Agents.All.Select(a => a.Hostname));
    }
}
