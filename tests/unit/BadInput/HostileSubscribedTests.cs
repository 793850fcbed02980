using KubeMesos.Tests.Unit.Support;
using Mesos.V1;
using Mesos.V1.Scheduler;
using static KubeMesos.Tests.Unit.Support.ScriptedEvents;

namespace KubeMesos.Tests.Unit.BadInput;

/// <summary>A SUBSCRIBED whose heartbeat interval is no usable duration must not stop the framework.</summary>
public sealed class HostileSubscribedTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-15)]
    [InlineData(0)]
    [InlineData(1e300)]
    public async Task Subscribed_WithAHostileHeartbeatInterval_StillSubscribes(double interval)
    {
        await using var master = await ScriptedMaster.StartAsync();
        await using var host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Master"] = master.Address.ToString(),
            ["Mesos:Embedded:Enabled"] = "false",
        });
        master.Send(new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed { FrameworkId = new FrameworkID { Value = FrameworkId }, HeartbeatIntervalSeconds = interval },
        });

        var connected = await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, TimeSpan.FromSeconds(30), "SUBSCRIBED");
        Assert.Equal(FrameworkId, connected.Scheduler.FrameworkId);

        // And the stream is read on: an offer arrives.
        master.Send(Offer("O-after"));
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Offers.ContainsKey("O-after"), TimeSpan.FromSeconds(30), "the offer after SUBSCRIBED");
    }
}
