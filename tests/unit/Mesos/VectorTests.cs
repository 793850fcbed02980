using Google.Protobuf;
using KubeMesos.Shared.Mesos;
using Mesos.V1.Scheduler;
using Xunit;

namespace KubeMesos.Tests.Unit.Mesos;

/// <summary>Our proto subset against the bytes and JSON made from the real Apache Mesos protos.</summary>
public sealed class VectorTests
{
    public static TheoryData<string> AllVectors => new(Vectors.Names);

    [Fact]
    public void Vectors_AreAllPresent() => Assert.Equal(23, Vectors.Names.Count());

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void Bin_DecodesEqualToBothJsonSpellings_AndReencodesToSameBytes(string name)
    {
        var bin = Vectors.Bin(name);
        var parser = Vectors.ParserFor(name);
        var decoded = parser.ParseFrom(bin);

        // The strict parser throws on any key our subset lacks, so this also proves the subset covers the vector.
        var fromCamel = JsonParser.Default.Parse(Vectors.Text(name + ".json"), decoded.Descriptor);
        var fromSnake = JsonParser.Default.Parse(Vectors.Text(name + ".snake.json"), decoded.Descriptor);

        Assert.Equal(decoded, fromCamel);
        Assert.Equal(decoded, fromSnake);
        Assert.Equal(bin, decoded.ToByteArray());
        Assert.Equal(bin, fromSnake.ToByteArray());
        Assert.True(decoded.IsInitialized(), $"{name} misses required fields");
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void SnakeJson_ParsedInMesosDialect_EqualsBin(string name)
    {
        var json = Vectors.Text(name + ".snake.json");
        IMessage parsed = name.StartsWith("call-", StringComparison.Ordinal)
            ? MesosJsonDialect.Parse<Call>(json)
            : MesosJsonDialect.Parse<Event>(json);

        Assert.Equal(Vectors.Bin(name), parsed.ToByteArray());
    }

    [Fact]
    public void CamelJson_ParsedInMesosDialect_LosesCamelCaseFields()
    {
        // frameworkId, offerIds, refuseSeconds are ignored by a real master; only single-word keys survive.
        var call = MesosJsonDialect.Parse<Call>(Vectors.Text("call-decline.json"));

        Assert.Equal(Call.Types.Type.Decline, call.Type);
        Assert.Null(call.FrameworkId);
        Assert.NotNull(call.Decline);
        Assert.Empty(call.Decline.OfferIds);
        Assert.False(call.Decline.Filters.HasRefuseSeconds);
    }

    [Fact]
    public void WriterJson_UsesSnakeCase_AndRoundTrips()
    {
        var call = Vectors.CallVector("call-accept-launch-group");
        var json = MesosMediaTypes.JsonWriter.Format(call);

        Assert.Contains("\"framework_id\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"frameworkId\"", json, StringComparison.Ordinal);
        Assert.Equal(call, MesosJsonDialect.Parse<Call>(json));
    }

    [Fact]
    public void Acknowledge_BuiltInCode_MatchesBin()
    {
        var call = new Call
        {
            FrameworkId = new() { Value = Ids.Framework },
            Type = Call.Types.Type.Acknowledge,
            Acknowledge = new()
            {
                AgentId = new() { Value = Ids.Agent0 },
                TaskId = new() { Value = "default.web-0.app" },
                Uuid = ByteString.CopyFrom(Guid.Parse("0f9e8d7c-6b5a-4938-a716-253443526170").ToByteArray(bigEndian: true)),
            },
        };

        Assert.Equal(Vectors.Bin("call-acknowledge"), call.ToByteArray());
        Assert.Equal(Vectors.EventVector("event-update-running").Update.Status.Uuid, call.Acknowledge.Uuid);
    }

    [Fact]
    public void ReconcileImplicit_BuiltInCode_HasEmptyReconcileAndMatchesBin()
    {
        var call = new Call
        {
            FrameworkId = new() { Value = Ids.Framework },
            Type = Call.Types.Type.Reconcile,
            Reconcile = new(),
        };

        var bytes = call.ToByteArray();
        Assert.Equal(Vectors.Bin("call-reconcile-implicit"), bytes);
        Assert.Equal(new byte[] { 0x4a, 0x00 }, bytes[^2..]);
    }

    [Fact]
    public void AcceptLaunchGroup_BuiltInCode_MatchesBin()
    {
        Assert.Equal(Vectors.Bin("call-accept-launch-group"), VectorMessages.AcceptLaunchGroup().ToByteArray());
    }

    [Fact]
    public void Heartbeat_BuiltInCode_IsTwoBytes()
    {
        Assert.Equal(Vectors.Bin("event-heartbeat"), new Event { Type = Event.Types.Type.Heartbeat }.ToByteArray());
    }

    [Fact]
    public void MissingOptionalFields_ReadAsMesosDefaults()
    {
        var launch = Vectors.CallVector("call-accept-launch");
        var task = launch.Accept.Operations[0].Launch.TaskInfos[0];

        Assert.Null(launch.Accept.Filters);
        Assert.False(task.Command.HasShell);
        Assert.True(task.Command.Shell);
#pragma warning disable CS0612 // Resource.role is deprecated in Mesos, still sent and read
        Assert.Equal("*", task.Resources[0].Role);
#pragma warning restore CS0612
        Assert.False(Vectors.EventVector("event-update-reconcile-no-uuid").Update.Status.HasUuid);
    }

    [Theory]
    [InlineData("subscribe-stream.recordio", 1)]
    [InlineData("subscribe-stream.recordio", 7)]
    [InlineData("subscribe-stream.recordio", int.MaxValue)]
    [InlineData("subscribe-stream.json.recordio", 1)]
    [InlineData("subscribe-stream.json.recordio", 7)]
    [InlineData("subscribe-stream.json.recordio", int.MaxValue)]
    public async Task SubscribeStream_ReadInChunks_YieldsExactlyTheFourEvents(string file, int chunkSize)
    {
        var json = file.Contains(".json.", StringComparison.Ordinal);
        await using var reader = new RecordIoReader(new ChunkedReadStream(Vectors.Bytes(file), chunkSize));

        var events = new List<Event>();
        await foreach (var record in reader.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            events.Add(json
                ? MesosJsonDialect.Parse<Event>(System.Text.Encoding.UTF8.GetString(record))
                : Event.Parser.ParseFrom(record));
        }

        string[] expected = ["event-subscribed", "event-offers", "event-heartbeat", "event-update-running"];
        Assert.Equal(expected.Select(Vectors.EventVector), events);
    }
}
