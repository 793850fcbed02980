using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsCheck;
using Google.Protobuf;
using KubeMesos.Shared.Mesos;
using KubeMesos.Tests.Unit.Mesos;
using KubeMesos.Tests.Unit.Mesos.Embedded;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Tests.Unit.BadInput;

/// <summary>
/// Generated hostile requests to the embedded master's <c>/api/v1/scheduler</c> over real HTTP, from a subscribed
/// framework's own ids: random, truncated and bit-flipped protobuf, broken JSON, RecordIO-framed bodies, wrong
/// content types and Accept headers, calls with hostile values. Each is answered with a status Apache Mesos uses
/// (202, or 400/406/415/501 with a message, never another 5xx), each refusal is counted, and the framework's event
/// stream stays up through it all.
/// </summary>
public sealed class MasterBadInputProperties
{
    private const ulong Seed = 0x11_BAD_2;

    [Fact]
    public async Task HostileCalls_AnsweredAsMesosDoes_CountedAndTheStreamStaysUp()
    {
        await using var test = await TestMaster.StartAsync(o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(200));
        await using var sub = await test.SubscribeAsync(TestMaster.Framework(failoverTimeout: 3600));
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var events = 0L;
        var reader = Task.Run(async () =>
        {
            while (!drain.IsCancellationRequested && await sub.TryNextAsync() is not null)
            {
                Interlocked.Increment(ref events);
            }
        }, TestContext.Current.CancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4 }) { BaseAddress = test.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var rejectedBefore = test.Master.RejectedCalls;
        var refused = 0L;

        await Fuzz.RunAsync("master-scheduler-endpoint", HostileCall(sub.FrameworkId), async c =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/scheduler") { Content = new ByteArrayContent(c.Body) };
            if (c.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
            }

            if (c.Accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", c.Accept);
            }

            request.Headers.TryAddWithoutValidation(MesosMediaTypes.StreamIdHeader, c.StreamIdOverride ?? sub.StreamId);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            var code = (int)response.StatusCode;
            Assert.True(code is 200 or 202 or 400 or 406 or 415 or 501, $"answered {code}");
            if (code is 200 or 202)
            {
                Assert.True(c.MayBeAccepted, $"a call that must be refused was answered {code}");
                return;
            }

            Interlocked.Increment(ref refused);
            var message = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.False(string.IsNullOrWhiteSpace(message), $"{code} without a message");
        }, count: 4000, Seed, print: c => c.ToString(), afterBatch: async () =>
        {
            // Still subscribed, and still streaming: the next heartbeat arrives.
            Assert.True(test.Master.GetFrameworks()[sub.FrameworkId.Value], "the framework lost its subscription");
            var seen = Interlocked.Read(ref events);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(30));
            while (Interlocked.Read(ref events) == seen)
            {
                await Task.Delay(20, wait.Token);
            }
        });

        Assert.Equal(Interlocked.Read(ref refused), test.Master.RejectedCalls - rejectedBefore);
        using var revive = await sub.CallAsync(new Call { FrameworkId = sub.FrameworkId, Type = Call.Types.Type.Revive });
        Assert.Equal(HttpStatusCode.Accepted, revive.StatusCode);
        Assert.True(test.Master.GetFrameworks()[sub.FrameworkId.Value]);
        await drain.CancelAsync();
    }

    // ---- generators ----

    private static readonly string[] VectorNames =
        ["call-accept-launch-group", "call-accept-launch", "call-acknowledge", "call-decline", "call-kill", "call-reconcile-explicit", "call-reconcile-implicit", "call-revive", "call-suppress"];

    private static readonly Gen<double> HostileDouble = Gen.OneOf(
        Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1, 0, 1e308, double.Epsilon, -0.0, 31_536_001),
        Gen.Double);

    private static readonly Gen<string> HostileId = Gen.OneOf(HostileText.Wellformed, Gen.String[Gen.Char, 0, 20], Gen.Const(""));

    private static Gen<Call> StructuredCall(FrameworkID framework) => Gen.OneOf(
        Gen.Select(HostileId.Array[0, 5], HostileDouble).Select((ids, refuse) => new Call
        {
            Type = Call.Types.Type.Decline,
            Decline = new Call.Types.Decline { OfferIds = { ids.Select(i => new OfferID { Value = i }) }, Filters = new Filters { RefuseSeconds = refuse } },
        }),
        Gen.Select(HostileId, HostileId).Select((task, agent) => new Call { Type = Call.Types.Type.Kill, Kill = new Call.Types.Kill { TaskId = new TaskID { Value = task }, AgentId = new AgentID { Value = agent } } }),
        Gen.Select(HostileId, Gen.Byte.Array[0, 20]).Select((task, uuid) => new Call
        {
            Type = Call.Types.Type.Acknowledge,
            Acknowledge = new Call.Types.Acknowledge { TaskId = new TaskID { Value = task }, AgentId = new AgentID { Value = "S0" }, Uuid = ByteString.CopyFrom(uuid) },
        }),
        HostileId.Array[0, 50].Select(ids => new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile { Tasks = { ids.Select(i => new Call.Types.Reconcile.Types.Task { TaskId = new TaskID { Value = i } }) } } }),
        HostileId.Array[0, 4].Select(roles => new Call { Type = Call.Types.Type.Suppress, Suppress = new Call.Types.Suppress { Roles = { roles } } }),
        HostileId.Array[0, 4].Select(roles => new Call { Type = Call.Types.Type.Revive, Revive = new Call.Types.Revive { Roles = { roles } } }),
        Gen.Select(HostileId, Gen.Byte.Array[0, 64]).Select((agent, data) => new Call
        {
            Type = Call.Types.Type.Message,
            Message = new Call.Types.Message { AgentId = new AgentID { Value = agent }, ExecutorId = new ExecutorID { Value = agent }, Data = ByteString.CopyFrom(data) },
        }),
        Gen.Select(HostileId, HostileDouble, HostileDouble, HostileId).Select((offer, cpus, mem, task) => new Call
        {
            Type = Call.Types.Type.Accept,
            Accept = new Call.Types.Accept
            {
                OfferIds = { new OfferID { Value = offer } },
                Operations =
                {
                    new Offer.Types.Operation
                    {
                        Type = Offer.Types.Operation.Types.Type.Launch,
                        Launch = new Offer.Types.Operation.Types.Launch
                        {
                            TaskInfos =
                            {
                                new TaskInfo
                                {
                                    Name = task, TaskId = new TaskID { Value = task }, AgentId = new AgentID { Value = "S0" },
                                    Resources =
                                    {
                                        new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = cpus } },
                                        new Resource { Name = "mem", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = mem } },
                                    },
                                    Command = new CommandInfo { Value = "true" },
                                },
                            },
                        },
                    },
                },
                Filters = new Filters { RefuseSeconds = cpus },
            },
        }),
        Gen.Int[-5, 40].Select(type => new Call { Type = (Call.Types.Type)type }),
        Gen.OneOf(VectorNames).Select(Vectors.CallVector)).Select(call =>
        {
            call.FrameworkId = framework.Clone();
            return call;
        });

    private static readonly string?[] ContentTypes =
        [null, "", "application/json; charset=utf-8", "text/plain", "application/X-PROTOBUF", "application/protobuf", "application/recordio", " application/json", "application/json,application/x-protobuf", "*/*", "((("];

    private static readonly string[] Accepts = ["text/html", "application/xml;q=1, */*;q=0", "application/json;q=0", "garbage///", "application/recordio"];

    private static Gen<MasterCase> HostileCall(FrameworkID framework) =>
        Gen.Select(StructuredCall(framework), Gen.Int[0, 11], Gen.Int, Gen.Byte.Array[0, 300]).Select((call, mutation, r, randomBytes) =>
        {
            var random = new Random(r);
            var proto = call.ToByteArray();
            var json = MesosMediaTypes.JsonWriter.Format(call);
            var (name, body, contentType) = mutation switch
            {
                0 => ("as generated (protobuf)", proto, MesosMediaTypes.Protobuf),
                1 => ("as generated (JSON)", Encoding.UTF8.GetBytes(json), MesosMediaTypes.Json),
                2 => ("protobuf truncated", proto[..random.Next(proto.Length + 1)], MesosMediaTypes.Protobuf),
                3 => ("protobuf bit-flipped", Flip(proto, random), MesosMediaTypes.Protobuf),
                4 => ("random bytes as protobuf", randomBytes, MesosMediaTypes.Protobuf),
                5 => ("JSON truncated", Encoding.UTF8.GetBytes(json[..random.Next(json.Length)]), MesosMediaTypes.Json),
                6 => ("JSON bit-flipped", Flip(Encoding.UTF8.GetBytes(json), random), MesosMediaTypes.Json),
                7 => ("JSON with a duplicate key", Encoding.UTF8.GetBytes("{\"type\":\"TEARDOWN\"," + json[1..]), MesosMediaTypes.Json),
                8 => ("JSON nested deep", Encoding.UTF8.GetBytes(json[..^1] + ",\"x\":" + new string('[', 65 + random.Next(5000)) + "}"), MesosMediaTypes.Json),
                9 => ("JSON with a lone surrogate", Encoding.UTF8.GetBytes(json[..^1] + ",\"framework_id\":{\"value\":\"\\ud800\"}}"), MesosMediaTypes.Json),
                10 => ("RecordIO-framed protobuf", RecordIoWriter.Frame(proto.Length == 0 ? [0] : proto), MesosMediaTypes.Protobuf),
                _ => ("wrong content type", proto, ContentTypes[random.Next(ContentTypes.Length)]),
            };

            string? accept = random.Next(4) == 0 ? Accepts[random.Next(Accepts.Length)] : null;
            string? streamId = random.Next(8) == 0 ? Guid.NewGuid().ToString() : null;
            var decoded = Decode(body, contentType);

            // Calls that would end the test's own framework (TEARDOWN) or open a stream (SUBSCRIBE) go out with a
            // stream id of another stream: still parsed and validated, then refused.
            if (decoded?.Type is Call.Types.Type.Teardown or Call.Types.Type.Subscribe)
            {
                streamId = decoded.Type == Call.Types.Type.Subscribe ? "not-allowed-on-subscribe" : Guid.NewGuid().ToString();
            }

            // What a real master may accept: a call that decodes, with the exact content type and our stream id.
            var mayBeAccepted = decoded is not null && streamId is null && contentType is MesosMediaTypes.Protobuf or MesosMediaTypes.Json;
            return new MasterCase(name, body, contentType, accept, streamId, mayBeAccepted);
        });

    private static Call? Decode(byte[] body, string? contentType)
    {
        try
        {
            return contentType switch
            {
                MesosMediaTypes.Protobuf => Call.Parser.ParseFrom(body),
                MesosMediaTypes.Json => MesosJsonDialect.Parse<Call>(Encoding.UTF8.GetString(body)),
                _ => null,
            };
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static byte[] Flip(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        if (copy.Length > 0)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 + random.Next(255));
        }

        return copy;
    }

    internal sealed record MasterCase(string Mutation, byte[] Body, string? ContentType, string? Accept, string? StreamIdOverride, bool MayBeAccepted)
    {
        public override string ToString() =>
            $"{Mutation} [Content-Type {ContentType ?? "(none)"}, Accept {Accept ?? "(none)"}, stream {StreamIdOverride ?? "ours"}]: {Convert.ToHexString(Body, 0, Math.Min(Body.Length, 200))}";
    }
}
