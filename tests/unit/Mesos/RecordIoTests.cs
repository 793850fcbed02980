using System.Text;
using KubeMesos.Shared.Mesos;
using Xunit;

namespace KubeMesos.Tests.Unit.Mesos;

public sealed class RecordIoTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public async Task ReadAsync_FramesSplitAcrossReads_YieldsEachRecord(int chunkSize)
    {
        var data = Encoding.ASCII.GetBytes("5\nhello3\nabc12\n{\"type\":\"x\"}");
        await using var reader = new RecordIoReader(new ChunkedReadStream(data, chunkSize));

        var records = new List<string>();
        await foreach (var record in reader.ReadAllAsync(Ct))
        {
            records.Add(Encoding.ASCII.GetString(record));
        }

        Assert.Equal(["hello", "abc", "{\"type\":\"x\"}"], records);
    }

    [Theory]
    [InlineData("abc\nxyz", "not a decimal number")]
    [InlineData("-1\nx", "not a decimal number")]
    [InlineData("0\n", "length is 0")]
    [InlineData(" 1\nx", "not a decimal number")]
    [InlineData("\nx", "1 to 20 decimal digits")]
    [InlineData("1234567890123456789012345\nx", "within 20 bytes")]
    [InlineData("1234567890123456789012345", "no newline")]
    [InlineData("99999999999999999999\nx", "overflows 64 bits")]
    public async Task ReadAsync_MalformedPrefix_ThrowsClearFormatException(string input, string expected)
    {
        await using var reader = new RecordIoReader(new ChunkedReadStream(Encoding.ASCII.GetBytes(input), 1));

        var error = await Assert.ThrowsAsync<RecordIoFormatException>(() => reader.ReadAsync(Ct).AsTask());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_LengthAboveLimit_ThrowsBeforeBuffering()
    {
        await using var reader = new RecordIoReader(new ChunkedReadStream(Encoding.ASCII.GetBytes("1001\nabc"), 7), maxRecordBytes: 1000);

        var error = await Assert.ThrowsAsync<RecordIoFormatException>(() => reader.ReadAsync(Ct).AsTask());

        Assert.Contains("exceeds the limit of 1000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5\nhel")]
    [InlineData("5\nhello3")]
    [InlineData("5\nhello3\n")]
    public async Task ReadAsync_StreamCutInsideRecord_ThrowsAfterCompleteRecords(string input)
    {
        await using var reader = new RecordIoReader(new ChunkedReadStream(Encoding.ASCII.GetBytes(input), 2));

        var first = input.Length > 7 ? await reader.ReadAsync(Ct) : null;
        var error = await Assert.ThrowsAsync<RecordIoFormatException>(() => reader.ReadAsync(Ct).AsTask());

        if (input.Length > 7)
        {
            Assert.Equal("hello", Encoding.ASCII.GetString(first!));
        }

        Assert.Contains("ended inside a record", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EmptyStream_ReturnsNull()
    {
        await using var reader = new RecordIoReader(new MemoryStream());

        Assert.Null(await reader.ReadAsync(Ct));
    }

    [Fact]
    public async Task Writer_RoundTrip_ThroughReader()
    {
        var records = new[] { "a", new string('x', 1000), "{\"type\":\"HEARTBEAT\"}", "ünïcödé" }.Select(Encoding.UTF8.GetBytes).ToList();
        var stream = new MemoryStream();
        foreach (var record in records)
        {
            await RecordIoWriter.WriteAsync(stream, record, Ct);
        }

        Assert.StartsWith("1\na1000\n", Encoding.ASCII.GetString(stream.ToArray()), StringComparison.Ordinal);
        await using var reader = new RecordIoReader(new ChunkedReadStream(stream.ToArray(), 3));
        var read = new List<byte[]>();
        await foreach (var record in reader.ReadAllAsync(Ct))
        {
            read.Add(record);
        }

        Assert.Equal(records, read);
    }

    [Fact]
    public void Frame_JsonHeartbeat_MatchesFactsExample()
    {
        Assert.Equal("20\n{\"type\":\"HEARTBEAT\"}", Encoding.ASCII.GetString(RecordIoWriter.Frame("{\"type\":\"HEARTBEAT\"}"u8)));
        Assert.Throws<ArgumentException>(() => RecordIoWriter.Frame([]));
    }
}
