using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace KubeMesos.Shared.Mesos;

/// <summary>
/// Reads RecordIO frames (<c>&lt;decimal length&gt;\n&lt;bytes&gt;</c>, Mesos docs/recordio.md) from a stream.
/// HTTP chunk boundaries have nothing to do with record boundaries, so frames may arrive split across reads;
/// the reader buffers until a whole record is there. Not thread-safe: one reader per stream, one caller.
/// </summary>
public sealed class RecordIoReader : IAsyncDisposable
{
    /// <summary>Largest record accepted by default; a Mesos OFFERS event for a thousand agents is far below it.</summary>
    public const long DefaultMaxRecordBytes = 64L * 1024 * 1024;

    // A uint64 has at most 20 decimal digits; anything longer is not a length.
    private const int MaxPrefixDigits = 20;

    private readonly PipeReader _reader;
    private readonly long _maxRecordBytes;

    public RecordIoReader(Stream stream, long maxRecordBytes = DefaultMaxRecordBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordBytes, 1);
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _maxRecordBytes = maxRecordBytes;
    }

    /// <summary>Reads the next record; <c>null</c> when the stream ended cleanly between records.</summary>
    /// <exception cref="RecordIoFormatException">malformed or oversize length prefix, or a stream cut inside a record.</exception>
    public async ValueTask<byte[]?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                // A pipe turns a cancelled token into a cancelled *result*; without this a caller's timeout would
                // make every later read return at once, and the loop would spin instead of giving up.
                _reader.AdvanceTo(buffer.Start, buffer.End);
                cancellationToken.ThrowIfCancellationRequested();
                throw new OperationCanceledException("RecordIO read was cancelled.");
            }

            if (TryReadRecord(ref buffer, out var record))
            {
                _reader.AdvanceTo(buffer.Start);
                return record;
            }

            if (result.IsCompleted)
            {
                var left = buffer.Length;
                _reader.AdvanceTo(buffer.End);
                return left == 0
                    ? null
                    : throw new RecordIoFormatException($"RecordIO stream ended inside a record ({left} bytes left over).");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Every record until the stream ends.</summary>
    public async IAsyncEnumerable<byte[]> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } record)
        {
            yield return record;
        }
    }

    private bool TryReadRecord(ref ReadOnlySequence<byte> buffer, out byte[]? record)
    {
        record = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> prefix, (byte)'\n'))
        {
            if (buffer.Length > MaxPrefixDigits)
            {
                throw new RecordIoFormatException(
                    $"RecordIO length prefix has no newline within {MaxPrefixDigits} bytes: \"{Printable(buffer.Slice(0, MaxPrefixDigits))}\".");
            }

            return false;
        }

        var length = ParseLength(prefix);
        if (reader.Remaining < length)
        {
            return false;
        }

        record = reader.UnreadSequence.Slice(0, length).ToArray();
        reader.Advance(length);
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private long ParseLength(ReadOnlySequence<byte> prefix)
    {
        if (prefix.Length is 0 or > MaxPrefixDigits)
        {
            throw new RecordIoFormatException($"RecordIO length prefix must be 1 to {MaxPrefixDigits} decimal digits, got \"{Printable(prefix)}\".");
        }

        ulong value = 0;
        foreach (var segment in prefix)
        {
            foreach (var b in segment.Span)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    throw new RecordIoFormatException($"RecordIO length prefix is not a decimal number: \"{Printable(prefix)}\".");
                }

                var next = unchecked((value * 10) + (ulong)(b - '0'));
                if (next < value || value > ulong.MaxValue / 10)
                {
                    throw new RecordIoFormatException($"RecordIO length prefix overflows 64 bits: \"{Printable(prefix)}\".");
                }

                value = next;
            }
        }

        if (value == 0)
        {
            throw new RecordIoFormatException("RecordIO record length is 0; Mesos never sends empty records.");
        }

        if (value > (ulong)_maxRecordBytes)
        {
            throw new RecordIoFormatException($"RecordIO record of {value} bytes exceeds the limit of {_maxRecordBytes} bytes.");
        }

        return (long)value;
    }

    private static string Printable(ReadOnlySequence<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes.ToArray())
        {
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : $"\\x{b:x2}");
        }

        return text.ToString();
    }

    public ValueTask DisposeAsync() => _reader.CompleteAsync();
}
