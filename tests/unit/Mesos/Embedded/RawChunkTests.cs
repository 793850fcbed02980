using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

/// <summary>The SUBSCRIBE response read off the socket: HTTP/1.1 chunk framing, one whole RecordIO record per chunk.</summary>
public sealed class RawChunkTests
{
    [Fact]
    public async Task EventStream_EachHttpChunkHoldsExactlyOneWholeRecord()
    {
        await using var test = await TestMaster.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", test.Http.BaseAddress!.Port, ct);
        await using var stream = tcp.GetStream();
        var body = """{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"nobody","name":"raw","roles":["kubemesos"],"capabilities":[{"type":"MULTI_ROLE"}]}}}"""u8.ToArray();
        var head = $"POST /api/v1/scheduler HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        await stream.WriteAsync(body, ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        var reader = new RawReader(stream, cts.Token);

        var status = await reader.LineAsync();
        var headers = new List<string>();
        for (var line = await reader.LineAsync(); line.Length > 0; line = await reader.LineAsync())
        {
            headers.Add(line);
        }

        Assert.Equal("HTTP/1.1 200 OK", status);
        Assert.Contains(headers, h => h.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(headers, h => h.StartsWith("Content-Length", StringComparison.OrdinalIgnoreCase));

        var types = new List<string>();
        while (!types.Contains("OFFERS"))
        {
            var size = int.Parse(await reader.LineAsync(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var chunk = await reader.BytesAsync(size);
            Assert.Equal("", await reader.LineAsync());

            // The chunk is "<decimal length>\n<exactly that many bytes>": nothing before, nothing after.
            var newline = Array.IndexOf(chunk, (byte)'\n');
            var length = int.Parse(Encoding.ASCII.GetString(chunk, 0, newline), CultureInfo.InvariantCulture);
            Assert.Equal(chunk.Length, newline + 1 + length);
            using var record = JsonDocument.Parse(chunk.AsMemory(newline + 1));
            types.Add(record.RootElement.GetProperty("type").GetString()!);
        }

        Assert.Equal(["SUBSCRIBED", "HEARTBEAT", "OFFERS"], types);
    }

    private sealed class RawReader(Stream stream, CancellationToken ct)
    {
        private readonly byte[] _one = new byte[1];

        public async Task<string> LineAsync()
        {
            var line = new StringBuilder();
            while (true)
            {
                if (await stream.ReadAsync(_one, ct) == 0)
                {
                    throw new EndOfStreamException();
                }

                if (_one[0] == '\n')
                {
                    return line.ToString().TrimEnd('\r');
                }

                line.Append((char)_one[0]);
            }
        }

        public async Task<byte[]> BytesAsync(int count)
        {
            var bytes = new byte[count];
            await stream.ReadExactlyAsync(bytes, ct);
            return bytes;
        }
    }
}
