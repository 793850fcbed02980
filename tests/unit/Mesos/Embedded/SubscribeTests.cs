using Google.Protobuf;
using System.Net;
using KubeMesos.Shared.Mesos;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Xunit;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

public sealed class SubscribeTests
{
    [Fact]
    public async Task Subscribe_Protobuf_StreamsSubscribedHeartbeatAndOffers()
    {
        await using var test = await TestMaster.StartAsync();
        await using var sub = await test.SubscribeAsync();

        Assert.Equal(MesosMediaTypes.Protobuf, sub.Response.Content.Headers.ContentType!.ToString());
        Assert.Null(sub.Response.Content.Headers.ContentLength);
        Assert.True(Guid.TryParse(sub.StreamId, out _));
        Assert.Equal($"{test.Master.MasterId}-0000", sub.FrameworkId.Value);
        Assert.Equal(15, sub.Subscribed.Subscribed.HeartbeatIntervalSeconds);
        Assert.Equal(test.Master.MasterId, sub.Subscribed.Subscribed.MasterInfo.Id);
        Assert.Equal(test.Master.BaseUri!.Port, sub.Subscribed.Subscribed.MasterInfo.Address.Port);
        Assert.Equal(Event.Types.Type.Heartbeat, (await sub.NextAsync()).Type);

        var offers = (await sub.WaitForAsync(e => e.Type == Event.Types.Type.Offers)).Offers.Offers_;
        Assert.Equal(2, offers.Count);
        var offer = offers[0];
        Assert.StartsWith($"{test.Master.MasterId}-O", offer.Id.Value, StringComparison.Ordinal);
        Assert.StartsWith($"{test.Master.MasterId}-S", offer.AgentId.Value, StringComparison.Ordinal);
        Assert.Equal(sub.FrameworkId, offer.FrameworkId);
        Assert.Equal("kubemesos", offer.AllocationInfo.Role);
        Assert.All(offer.Resources, r => Assert.Equal("kubemesos", r.AllocationInfo.Role));
        Assert.Equal(["cpus", "disk", "mem", "ports"], offer.Resources.Select(r => r.Name).Order());
        Assert.Contains(offer.Attributes, a => a.Name == "rack" && a.Text.Value == "r1");
        Assert.Contains(offer.Attributes, a => a.Name == "zone" && a.Text.Value == "zone-a");
        // The simulated agent lives on the master's Kestrel, under its own path; the libprocess id ends it as on Mesos.
        Assert.Equal($"/agent/{offer.AgentId.Value}/slave(1)", offer.Url.Path);
        Assert.Equal(test.Http.BaseAddress!.Port, offer.Url.Address.Port);
        Assert.Equal(offer.Hostname, offer.Url.Address.Hostname);
        Assert.True(offer.IsInitialized());
    }

    [Fact]
    public async Task Subscribe_JsonWithoutAccept_StreamsSnakeCaseJson()
    {
        await using var test = await TestMaster.StartAsync();
        await using var sub = await test.SubscribeAsync(json: true);

        Assert.Equal(MesosMediaTypes.Json, sub.Response.Content.Headers.ContentType!.ToString());
        var offer = await sub.NextOfferAsync();
        Assert.Equal(sub.FrameworkId, offer.FrameworkId);

        // Calls in JSON work the same way.
        await sub.AcceptedAsync(new Call { Type = Call.Types.Type.Decline, Decline = new() { OfferIds = { offer.Id } } });
    }

    [Fact]
    public async Task Subscribe_WithoutMultiRole_GetsStarRoleOffersWithoutAllocationInfo()
    {
        await using var test = await TestMaster.StartAsync();
        var info = new FrameworkInfo { User = "nobody", Name = "legacy" };
        await using var sub = await test.SubscribeAsync(info);

        var offer = await sub.NextOfferAsync();
        Assert.Null(offer.AllocationInfo);
        Assert.All(offer.Resources, r => Assert.Null(r.AllocationInfo));
    }

    [Fact]
    public async Task Subscribe_TwoFrameworks_GetDistinctIdsStreamsAndOffers()
    {
        await using var test = await TestMaster.StartAsync();
        await using var first = await test.SubscribeAsync(TestMaster.Framework("a"));
        await using var second = await test.SubscribeAsync(TestMaster.Framework("b"));

        Assert.NotEqual(first.FrameworkId, second.FrameworkId);
        Assert.NotEqual(first.StreamId, second.StreamId);
        Assert.Equal($"{test.Master.MasterId}-0001", second.FrameworkId.Value);

        // One framework's stream ID is no good for the other.
        using var wrong = await test.PostAsync(new Call { FrameworkId = second.FrameworkId, Type = Call.Types.Type.Revive }, first.StreamId);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }

    [Fact]
    public async Task Subscribe_AgainWithSameId_OldStreamGetsFailedOverErrorAndEnds()
    {
        await using var test = await TestMaster.StartAsync();
        var info = TestMaster.Framework(failoverTimeout: 3600);
        await using var old = await test.SubscribeAsync(info);
        await using var renewed = await test.SubscribeAsync(info, id: old.FrameworkId);

        var error = await old.WaitForAsync(e => e.Type == Event.Types.Type.Error);
        Assert.Equal("Framework failed over", error.Error.Message);
        Assert.Null(await old.TryNextAsync());
        Assert.Equal(old.FrameworkId, renewed.FrameworkId);
        Assert.NotEqual(old.StreamId, renewed.StreamId);
        await renewed.NextOfferAsync();
    }

    [Fact]
    public async Task Teardown_RemovesFrameworkEndsStreamAndReturnsResources()
    {
        await using var test = await TestMaster.StartAsync(o => o.AgentCount = 1);
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, "default.web-0", "app"));
        await sub.NextUpdateAsync("default.web-0.app", TaskState.TaskStarting);
        Assert.True(test.Master.GetAgents().Single().Used.Cpus > 0);

        await sub.AcceptedAsync(new Call { Type = Call.Types.Type.Teardown });

        while (await sub.TryNextAsync() is not null)
        {
        }

        var agent = test.Master.GetAgents().Single();
        Assert.Equal(0, agent.Used.Cpus);
        Assert.Equal(0, agent.Offered.Cpus);
        Assert.Empty(test.Master.GetFrameworks());

        // A removed framework cannot come back.
        await using var again = await test.SubscribeAsync(TestMaster.Framework(), id: sub.FrameworkId, expectSubscribed: false);
        Assert.Equal("Framework has been removed", (await again.NextAsync()).Error.Message);
        Assert.Null(await again.TryNextAsync());
    }
}
