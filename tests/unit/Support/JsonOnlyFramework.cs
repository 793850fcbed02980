using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeMesos.Tests.Unit.Support;

/// <summary>
/// A minimal third-party Mesos framework that speaks only JSON, written the way a JavaScript client library is:
/// hand-built JSON bodies with proto field names, its own RecordIO framing, System.Text.Json for events, and numbers
/// read as numbers (<c>GetInt64</c> on <c>ranges.range[].begin</c> throws if a master writes them as strings).
/// It shares none of our Mesos code.
/// </summary>
internal sealed class JsonOnlyFramework : IAsyncDisposable
{
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly List<JsonElement> _backlog = [];

    private JsonOnlyFramework(HttpClient http, HttpResponseMessage response, Stream body, string streamId)
    {
        _http = http;
        _response = response;
        _body = body;
        StreamId = streamId;
    }

    public string StreamId { get; }
    public string FrameworkId { get; private set; } = "";

    public static async Task<JsonOnlyFramework> SubscribeAsync(Uri master, string name, string role)
    {
        var http = new HttpClient { BaseAddress = master, Timeout = Timeout.InfiniteTimeSpan };
        var body = new JsonObject
        {
            ["type"] = "SUBSCRIBE",
            ["subscribe"] = new JsonObject
            {
                ["framework_info"] = new JsonObject
                {
                    ["user"] = "nobody",
                    ["name"] = name,
                    ["roles"] = new JsonArray(role),
                    ["capabilities"] = new JsonArray(new JsonObject { ["type"] = "MULTI_ROLE" }),
                },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/scheduler") { Content = Json(body) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var client = new JsonOnlyFramework(http, response, stream, response.Headers.GetValues("Mesos-Stream-Id").Single());
        var subscribed = await client.WaitForAsync(e => e.GetProperty("type").GetString() == "SUBSCRIBED");
        client.FrameworkId = subscribed.GetProperty("subscribed").GetProperty("framework_id").GetProperty("value").GetString()!;
        return client;
    }

    /// <summary>The next event that matches (earlier ones are kept for later waits).</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match)
    {
        var index = _backlog.FindIndex(e => match(e));
        if (index >= 0)
        {
            var found = _backlog[index];
            _backlog.RemoveAt(index);
            return found;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(s_guard);
        while (true)
        {
            var e = await ReadRecordAsync(cts.Token);
            if (match(e))
            {
                return e;
            }

            _backlog.Add(e);
        }
    }

    /// <summary>Launches one command task on the offer with a port picked by arithmetic on the offered range.</summary>
    public async Task<long> LaunchAsync(JsonElement offer, string taskId, double cpus, double mem)
    {
        var ports = offer.GetProperty("resources").EnumerateArray().First(r => r.GetProperty("name").GetString() == "ports");
        var range = ports.GetProperty("ranges").GetProperty("range")[0];
        var port = range.GetProperty("begin").GetInt64() + 1;
        Assert.True(port <= range.GetProperty("end").GetInt64());
        var role = offer.GetProperty("allocation_info").GetProperty("role").GetString();
        JsonObject Scalar(string name, double value) => new()
        {
            ["name"] = name, ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = value },
            ["allocation_info"] = new JsonObject { ["role"] = role },
        };
        var call = new JsonObject
        {
            ["framework_id"] = new JsonObject { ["value"] = FrameworkId },
            ["type"] = "ACCEPT",
            ["accept"] = new JsonObject
            {
                ["offer_ids"] = new JsonArray(JsonNode.Parse(offer.GetProperty("id").GetRawText())),
                ["operations"] = new JsonArray(new JsonObject
                {
                    ["type"] = "LAUNCH",
                    ["launch"] = new JsonObject
                    {
                        ["task_infos"] = new JsonArray(new JsonObject
                        {
                            ["name"] = taskId,
                            ["task_id"] = new JsonObject { ["value"] = taskId },
                            ["agent_id"] = JsonNode.Parse(offer.GetProperty("agent_id").GetRawText()),
                            ["resources"] = new JsonArray(
                                Scalar("cpus", cpus),
                                Scalar("mem", mem),
                                new JsonObject
                                {
                                    ["name"] = "ports", ["type"] = "RANGES",
                                    ["ranges"] = new JsonObject { ["range"] = new JsonArray(new JsonObject { ["begin"] = port, ["end"] = port }) },
                                    ["allocation_info"] = new JsonObject { ["role"] = role },
                                }),
                            ["command"] = new JsonObject { ["shell"] = true, ["value"] = $"python3 -m http.server {port}" },
                        }),
                    },
                }),
                ["filters"] = new JsonObject { ["refuse_seconds"] = 1 },
            },
        };
        await PostAsync(call);
        return port;
    }

    /// <summary>Acknowledges the task's updates (those with a uuid) until one has <paramref name="state"/>.</summary>
    public async Task AcknowledgeUntilAsync(string taskId, string state)
    {
        while (true)
        {
            var update = await WaitForAsync(e => e.GetProperty("type").GetString() == "UPDATE"
                && e.GetProperty("update").GetProperty("status").GetProperty("task_id").GetProperty("value").GetString() == taskId);
            var status = update.GetProperty("update").GetProperty("status");
            if (status.TryGetProperty("uuid", out var uuid))
            {
                await PostAsync(new JsonObject
                {
                    ["framework_id"] = new JsonObject { ["value"] = FrameworkId },
                    ["type"] = "ACKNOWLEDGE",
                    ["acknowledge"] = new JsonObject
                    {
                        ["agent_id"] = JsonNode.Parse(status.GetProperty("agent_id").GetRawText()),
                        ["task_id"] = new JsonObject { ["value"] = taskId },
                        ["uuid"] = uuid.GetString(),
                    },
                });
            }

            if (status.GetProperty("state").GetString() == state)
            {
                return;
            }
        }
    }

    public async Task DeclineAsync(JsonElement offer, double refuseSeconds) => await PostAsync(new JsonObject
    {
        ["framework_id"] = new JsonObject { ["value"] = FrameworkId },
        ["type"] = "DECLINE",
        ["decline"] = new JsonObject
        {
            ["offer_ids"] = new JsonArray(JsonNode.Parse(offer.GetProperty("id").GetRawText())),
            ["filters"] = new JsonObject { ["refuse_seconds"] = refuseSeconds },
        },
    });

    private async Task PostAsync(JsonObject call)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/scheduler") { Content = Json(call) };
        request.Headers.Add("Mesos-Stream-Id", StreamId);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{call["type"]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static ByteArrayContent Json(JsonNode body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>RecordIO as docs/recordio.md: decimal length, newline, that many bytes.</summary>
    private async Task<JsonElement> ReadRecordAsync(CancellationToken ct)
    {
        var length = 0L;
        var one = new byte[1];
        while (true)
        {
            if (await _body.ReadAsync(one, ct) == 0)
            {
                throw new EndOfStreamException("The master ended the event stream.");
            }

            if (one[0] == '\n')
            {
                break;
            }

            length = (length * 10) + (one[0] - '0');
        }

        var record = new byte[length];
        await _body.ReadExactlyAsync(record, ct);
        return JsonDocument.Parse(record).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await _body.DisposeAsync();
        _response.Dispose();
        _http.Dispose();
    }
}
