using System.Globalization;
using System.Text;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// A simulated task's sandbox files (<c>stdout</c>, <c>stderr</c>) as the agent's <c>/files/read</c> serves them:
/// append-only bytes, so offsets stay valid while a reader follows. Capped like a small log file; past the cap the
/// task writes nothing more. Guarded by the master's lock.
/// </summary>
internal sealed class TaskSandbox(string agentId)
{
    private const int MaxBytes = 1024 * 1024;

    // Each line's timestamp, 24 characters (ASCII) as formatted.
    private const string Stamp = "yyyy-MM-ddTHH:mm:ss.fffZ";
    private const int StampLength = 24;
    private readonly LogFile _stdout = new();
    private readonly LogFile _stderr = new();

    public string AgentId { get; } = agentId;

    public void WriteLine(DateTimeOffset at, string line, bool stderr = false)
    {
        // "<timestamp> <line>\n", encoded in place: each task writes a handful of lines, 20,000 tasks a burst.
        var size = StampLength + 1 + Encoding.UTF8.GetByteCount(line) + 1;
        var rented = size <= 512 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        var bytes = rented is null ? stackalloc byte[size] : rented.AsSpan(0, size);
        at.UtcDateTime.TryFormat(bytes, out var written, Stamp, CultureInfo.InvariantCulture);
        bytes[written++] = (byte)' ';
        written += Encoding.UTF8.GetBytes(line, bytes[written..]);
        bytes[written++] = (byte)'\n';
        var target = stderr ? _stderr : _stdout;
        if (target.Length + written <= MaxBytes)
        {
            target.Append(bytes[..written]);
        }

        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }


    /// <summary>The file's bytes, or null when the sandbox has no such file.</summary>
    public ReadOnlyMemory<byte>? File(string name) => name switch
    {
        "stdout" => _stdout.Content,
        "stderr" => _stderr.Content,
        // Typed: a plain null converts to an empty memory (through byte[]), which read as an empty file, not a missing one.
        _ => (ReadOnlyMemory<byte>?)null,
    };

    /// <summary>
    /// Append-only bytes sized to what they hold while small: a task's sandbox has a handful of lines, and the master
    /// keeps the last 20,000 tasks' sandboxes (a MemoryStream's doubling kept twice the bytes, 11 MB at 10,000 tasks).
    /// A buffer is never written again below its length, so a reader's earlier content stays valid.
    /// </summary>
    private sealed class LogFile
    {
        private const int ExactUpTo = 4096;
        private byte[] _bytes = [];

        public int Length { get; private set; }

        public ReadOnlyMemory<byte> Content => _bytes.AsMemory(0, Length);

        public void Append(ReadOnlySpan<byte> bytes)
        {
            var needed = Length + bytes.Length;
            if (needed > _bytes.Length)
            {
                Array.Resize(ref _bytes, needed <= ExactUpTo ? needed : Math.Min(MaxBytes, Math.Max(needed, _bytes.Length * 2)));
            }

            bytes.CopyTo(_bytes.AsSpan(Length));
            Length = needed;
        }
    }
}
