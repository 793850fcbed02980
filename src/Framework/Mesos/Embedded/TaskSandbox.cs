using System.Globalization;
using System.Text;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// A simulated task's sandbox files (<c>stdout</c>, <c>stderr</c>) as the agent's <c>/files/read</c> serves them:
/// append-only bytes, so offsets stay valid while a reader follows. Capped like a small log file; past the cap the
/// task writes nothing more. Guarded by the master's lock.
/// </summary>
internal sealed class TaskSandbox(string virtualDirectory, string agentId)
{
    private const int MaxBytes = 1024 * 1024;
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();

    /// <summary>The sandbox's virtual path on the agent, e.g. <c>/frameworks/F/executors/E/runs/latest/tasks/T</c>.</summary>
    public string VirtualDirectory { get; } = virtualDirectory;

    public string AgentId { get; } = agentId;

    public void WriteLine(DateTimeOffset at, string line, bool stderr = false)
    {
        var target = stderr ? _stderr : _stdout;
        var bytes = Encoding.UTF8.GetBytes(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) + " " + line + "\n");
        if (target.Length + bytes.Length <= MaxBytes)
        {
            target.Write(bytes);
        }
    }

    /// <summary>The file's bytes, or null when the sandbox has no such file.</summary>
    public ReadOnlyMemory<byte>? File(string name) => name switch
    {
        "stdout" => _stdout.GetBuffer().AsMemory(0, (int)_stdout.Length),
        "stderr" => _stderr.GetBuffer().AsMemory(0, (int)_stderr.Length),
        _ => null,
    };
}
