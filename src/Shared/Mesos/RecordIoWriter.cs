using System.Buffers;
using System.Globalization;
using System.Text;

namespace KubeMesos.Shared.Mesos;

/// <summary>Writes RecordIO frames: the record's byte count in ASCII decimal, <c>\n</c>, then the bytes.</summary>
public static class RecordIoWriter
{
    /// <summary>Frames one record into <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> record)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (record.IsEmpty)
        {
            throw new ArgumentException("RecordIO records are never empty.", nameof(record));
        }

        Span<byte> prefix = stackalloc byte[24];
        var written = Encoding.ASCII.GetBytes(record.Length.ToString(CultureInfo.InvariantCulture), prefix);
        prefix[written++] = (byte)'\n';
        output.Write(prefix[..written]);
        output.Write(record);
    }

    /// <summary>The framed record as a new array.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> record)
    {
        var buffer = new ArrayBufferWriter<byte>(record.Length + 12);
        Write(buffer, record);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Frames one record onto a stream (one write, so a chunked response sends it as one chunk).</summary>
    public static Task WriteAsync(Stream stream, ReadOnlySpan<byte> record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.WriteAsync(Frame(record), cancellationToken).AsTask();
    }
}
