using Mesos.V1;

namespace KubeMesos.Framework.Mesos.Embedded;

// The simulated agents' sandboxes behind /files/read: virtual paths as a Mesos agent attaches them
// (/frameworks/<framework>/executors/<executor>/runs/latest, plus tasks/<task> for a task group's nested containers).
public sealed partial class EmbeddedMesosMaster
{
    // Like an agent's sandbox GC: the oldest sandboxes go once this many are kept.
    private const int MaxSandboxes = 20_000;

    // By the IDs in the virtual directory (unique across agents), not by the directory's text: that is ~340 bytes a
    // task where the IDs are strings the task holds anyway, and 20,000 sandboxes are kept.
    private readonly Dictionary<SandboxKey, TaskSandbox> _sandboxes = [];
    private readonly Queue<SandboxKey> _sandboxOrder = new();

    /// <summary>A sandbox's directory as IDs; <c>Task</c> is null for a command task's (the executor's own) sandbox.</summary>
    private readonly record struct SandboxKey(string Framework, string Executor, string? Task)
    {
        private const string Frameworks = "/frameworks/";

        /// <summary>Parses a directory <see cref="SandboxDirectory"/> writes; false for any other path.</summary>
        public static bool TryParse(ReadOnlySpan<char> directory, out SandboxKey key)
        {
            key = default;
            if (!directory.StartsWith(Frameworks, StringComparison.Ordinal))
            {
                return false;
            }

            Span<Range> parts = stackalloc Range[8];
            var rest = directory[Frameworks.Length..];
            var count = rest.Split(parts, '/');
            if (count is not (5 or 7) || rest[parts[1]] is not "executors" || rest[parts[3]] is not "runs" || rest[parts[4]] is not "latest"
                || (count == 7 && rest[parts[5]] is not "tasks"))
            {
                return false;
            }

            key = new SandboxKey(rest[parts[0]].ToString(), rest[parts[2]].ToString(), count == 7 ? rest[parts[6]].ToString() : null);
            return true;
        }
    }

    /// <summary>Result of a read: <c>Found</c> false means no such file (404); <c>Size</c> is the file's length.</summary>
    internal readonly record struct FileRead(bool Found, long Size, byte[] Data);

    /// <summary>The virtual directory of a task's sandbox, as the agent attaches it.</summary>
    public static string SandboxDirectory(string frameworkId, string executorId, string taskId, bool nested) =>
        nested
            ? $"/frameworks/{frameworkId}/executors/{executorId}/runs/latest/tasks/{taskId}"
            : $"/frameworks/{frameworkId}/executors/{executorId}/runs/latest";

    /// <param name="recovered">
    /// A task recovered from the checkpoint after a restart: its sandbox (in memory, unlike an agent's on disk) is
    /// recreated with the start-up lines and says that earlier output is gone.
    /// </param>
    private void OpenSandboxLocked(SimTask task, TaskInfo info, bool recovered = false)
    {
        var nested = task.Executor.IsExplicit;
        var sandbox = new TaskSandbox(task.Agent.Id);
        task.Sandbox = sandbox;
        var key = new SandboxKey(task.Framework.Id, task.Executor.Id.Value, nested ? task.Id.Value : null);
        if (_sandboxes.TryAdd(key, sandbox))
        {
            _sandboxOrder.Enqueue(key);
            while (_sandboxOrder.Count > MaxSandboxes && _sandboxOrder.TryDequeue(out var oldest))
            {
                _sandboxes.Remove(oldest);
            }
        }
        else
        {
            _sandboxes[key] = sandbox;
        }

        var now = _time.GetUtcNow();
        if (recovered)
        {
            sandbox.WriteLine(now, $"Sandbox recreated: the embedded master restarted and recovered task {task.Id.Value} from its checkpoint; earlier output was not kept");
            sandbox.WriteLine(now, $"Recovered task {task.Id.Value} ({task.LatestState.ToString().Replace("Task", "", StringComparison.Ordinal).ToUpperInvariant()}) after a restart of the agent", stderr: true);
        }

        // The executor's own messages go to stderr, as Mesos' executors log there.
        sandbox.WriteLine(now, $"Executor {task.Executor.Id.Value} launching task {task.Id.Value} on agent {task.Agent.Id}", stderr: true);
        var image = info.Container?.Mesos?.Image?.Docker?.Name ?? info.Container?.Docker?.Image;
        sandbox.WriteLine(now, $"Starting task {task.Id.Value} on {task.Agent.Hostname} ({task.Agent.Id})");
        if (image is not null)
        {
            sandbox.WriteLine(now, $"Image: {image}");
        }

        if (info.Command is { } command)
        {
            // Without a shell, Mesos runs `value` with `arguments` as the whole argv (argv[0] included).
            var line = command.Shell || command.Arguments.Count == 0 ? command.Value : string.Join(' ', command.Arguments);
            if (!string.IsNullOrWhiteSpace(line))
            {
                sandbox.WriteLine(now, $"Command: {line}");
            }
        }

        sandbox.WriteLine(now, $"Resources: cpus={task.Resources.Scalar("cpus"):0.###} mem={task.Resources.Scalar("mem"):0.#}MB");
    }

    /// <summary>One line per simulated step (state change), and the periodic output of a running task.</summary>
    private static void LogStepLocked(SimTask task, DateTimeOffset at, string line) => task.Sandbox?.WriteLine(at, line);

    /// <summary>A state change as the executor logs it (stderr).</summary>
    private static void LogExecutorLocked(SimTask task, DateTimeOffset at, TaskState state, string? message) =>
        task.Sandbox?.WriteLine(at, $"Sending {Scheduling.TaskStates.Name(state)} for task {task.Id.Value}{(message is null ? "" : ": " + message)}", stderr: true);

    /// <summary>
    /// The agent's <c>/files/read</c>: up to <paramref name="length"/> bytes at <paramref name="offset"/>. A null
    /// <paramref name="agentId"/> is the agent port every simulated agent shares (the <c>pid</c> GET_AGENTS reports).
    /// </summary>
    internal FileRead ReadFile(string? agentId, string path, long offset, long? length)
    {
        var slash = path.LastIndexOf('/');
        if (slash <= 0)
        {
            return default;
        }

        lock (_lock)
        {
            if (!SandboxKey.TryParse(path.AsSpan(0, slash), out var key) || !_sandboxes.TryGetValue(key, out var sandbox) || (agentId is not null && sandbox.AgentId != agentId)
                || sandbox.File(path[(slash + 1)..]) is not { } file)
            {
                return default;
            }

            var start = (int)Math.Clamp(offset, 0, file.Length);
            var count = (int)Math.Clamp(length ?? file.Length, 0, file.Length - start);
            return new FileRead(true, file.Length, file.Slice(start, count).ToArray());
        }
    }
}
