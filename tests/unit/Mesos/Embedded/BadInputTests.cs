using Google.Protobuf;
using System.Net;
using System.Text;
using KubeMesos.Shared.Mesos;
using Mesos.V1.Scheduler;
using Xunit;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

/// <summary>Every bad request gets the status code and a message as from a real master; the master keeps serving.</summary>
public sealed class BadInputTests
{
    private static async Task AssertRejectedAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BadCalls_AreRejectedCountedAndTheMasterStillServes()
    {
        await using var test = await TestMaster.StartAsync();
        await using var sub = await test.SubscribeAsync();
        var revive = new Call { FrameworkId = sub.FrameworkId, Type = Call.Types.Type.Revive };

        await AssertRejectedAsync(await test.PostRawAsync([0x0a, 0xff, 0x01], sub.StreamId, MesosMediaTypes.Protobuf), HttpStatusCode.BadRequest, "Failed to parse body");
        await AssertRejectedAsync(await test.PostRawAsync("{not json"u8.ToArray(), sub.StreamId, MesosMediaTypes.Json), HttpStatusCode.BadRequest, "Failed to parse body");
        await AssertRejectedAsync(await test.PostAsync(new Call { FrameworkId = sub.FrameworkId, Type = Call.Types.Type.Unknown }, sub.StreamId), HttpStatusCode.NotImplemented, "UNKNOWN");
        await AssertRejectedAsync(await test.PostAsync(new Call { FrameworkId = sub.FrameworkId, Type = (Call.Types.Type)99 }, sub.StreamId), HttpStatusCode.BadRequest, "'type'");
        await AssertRejectedAsync(await test.PostAsync(revive, null), HttpStatusCode.BadRequest, "Mesos-Stream-Id");
        await AssertRejectedAsync(await test.PostAsync(revive, Guid.NewGuid().ToString()), HttpStatusCode.BadRequest, "didn't match");
        await AssertRejectedAsync(await test.PostAsync(new Call { FrameworkId = new() { Value = "nope" }, Type = Call.Types.Type.Revive }, sub.StreamId), HttpStatusCode.BadRequest, "Framework cannot be found");
        await AssertRejectedAsync(await test.PostAsync(new Call { Type = Call.Types.Type.Revive }, sub.StreamId), HttpStatusCode.BadRequest, "'framework_id'");
        await AssertRejectedAsync(await test.PostAsync(new Call { FrameworkId = sub.FrameworkId, Type = Call.Types.Type.Accept }, sub.StreamId), HttpStatusCode.BadRequest, "'accept'");
        await AssertRejectedAsync(await test.PostAsync(new Call { FrameworkId = sub.FrameworkId, Type = Call.Types.Type.Reconcile }, sub.StreamId), HttpStatusCode.BadRequest, "'reconcile'");
        await AssertRejectedAsync(await test.PostAsync(new Call
        {
            FrameworkId = sub.FrameworkId,
            Type = Call.Types.Type.Acknowledge,
            Acknowledge = new() { AgentId = new() { Value = "a" }, TaskId = new() { Value = "t" }, Uuid = Google.Protobuf.ByteString.CopyFrom(new byte[15]) },
        }, sub.StreamId), HttpStatusCode.BadRequest, "16 bytes");
        await AssertRejectedAsync(await test.PostRawAsync(revive.ToByteArray(), sub.StreamId, "application/json; charset=utf-8"), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await AssertRejectedAsync(await test.PostRawAsync(revive.ToByteArray(), sub.StreamId, "text/plain"), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await AssertRejectedAsync(await test.PostRawAsync(revive.ToByteArray(), sub.StreamId, null), HttpStatusCode.BadRequest, "Content-Type");

        Assert.Equal(14, test.Master.RejectedCalls);
        using var ok = await test.PostAsync(revive, sub.StreamId);
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Equal(0, ok.Content.Headers.ContentLength);
        await sub.NextOfferAsync();
    }

    [Fact]
    public async Task Subscribe_CamelCaseJson_IsNotUnderstood()
    {
        await using var test = await TestMaster.StartAsync();
        var json = Google.Protobuf.JsonFormatter.Default.Format(new Call { Type = Call.Types.Type.Subscribe, Subscribe = new() { FrameworkInfo = TestMaster.Framework() } });
        Assert.Contains("frameworkInfo", json, StringComparison.Ordinal);

        await AssertRejectedAsync(await test.PostRawAsync(Encoding.UTF8.GetBytes(json), null, MesosMediaTypes.Json), HttpStatusCode.BadRequest, "required fields");
    }

    [Fact]
    public async Task Subscribe_HeaderProblems_GetMesosStatusCodes()
    {
        await using var test = await TestMaster.StartAsync();
        var subscribe = new Call { Type = Call.Types.Type.Subscribe, Subscribe = new() { FrameworkInfo = TestMaster.Framework() } }.ToByteArray();

        await AssertRejectedAsync(await test.PostRawAsync(subscribe, Guid.NewGuid().ToString(), MesosMediaTypes.Protobuf), HttpStatusCode.BadRequest, "should not include");
        await AssertRejectedAsync(await test.PostRawAsync(subscribe, null, MesosMediaTypes.Protobuf, accept: "text/html"), HttpStatusCode.NotAcceptable, "Accept");
        using var get = await test.Http.GetAsync("api/v1/scheduler", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task Disconnected_CallsGet403_UntilResubscribe()
    {
        await using var test = await TestMaster.StartAsync();
        var info = TestMaster.Framework(failoverTimeout: 3600);
        var sub = await test.SubscribeAsync(info);
        var id = sub.FrameworkId;
        var streamId = sub.StreamId;
        await sub.DisposeAsync();

        // The master notices the closed connection on its own; wait for that state, not for a time.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        while (test.Master.GetFrameworks()[id.Value])
        {
            await Task.Delay(10, cts.Token);
        }

        await AssertRejectedAsync(await test.PostAsync(new Call { FrameworkId = id, Type = Call.Types.Type.Revive }, streamId), HttpStatusCode.Forbidden, "not subscribed");
        Assert.All(test.Master.GetAgents(), a => Assert.Equal(0, a.Offered.Cpus));

        await using var back = await test.SubscribeAsync(info, id: id);
        Assert.Equal(id, back.FrameworkId);
        await back.NextOfferAsync();
    }
}
