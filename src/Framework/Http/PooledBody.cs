using System.Buffers;

namespace KubeMesos.Framework.Http;

/// <summary>
/// A request body read into one buffer rented from the shared pool, returned on <see cref="Dispose"/>. The master reads
/// 20,000 ACKNOWLEDGEs and the API 10,000 pods in a burst; a fresh 16 KiB chunk plus a growing MemoryStream per request
/// was a tenth of everything the process allocated.
/// </summary>
public sealed class PooledBody : IDisposable
{
    private byte[]? _buffer;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => Memory.Span;

    /// <summary>The body; valid until this is disposed.</summary>
    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, Length);

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> bytes (the rest is left unread).</summary>
    /// <param name="contentLength">The request's Content-Length, when it has one: the buffer is sized from it.</param>
    public static async Task<PooledBody?> ReadAsync(Stream body, long? contentLength, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (contentLength > limit)
        {
            return null;
        }

        // One byte more than announced, so a body longer than its Content-Length is still seen whole (and refused).
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1L, (contentLength ?? 4096) + 1));
        var length = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1L, buffer.Length * 2L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return new PooledBody(buffer, length);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
