using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Mesos.V1;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Mesos.Embedded;

// Checkpoint and recovery: what a Mesos agent checkpoints (its id and resources, its frameworks, executors and live
// tasks) and the master's registry (frameworks, removed frameworks), in one JSON file written atomically. A restart
// recovers the agents under their ids with their tasks running, so the framework fails over onto them and
// reconciliation finds them RUNNING.
public sealed partial class EmbeddedMesosMaster
{
    private const string CheckpointFile = "checkpoint.json";
    private static readonly JsonSerializerOptions s_checkpointJson = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, EmbeddedAgentDefinition> _agentDefinitions = new(StringComparer.Ordinal);
    private readonly Lock _checkpointWrite = new();
    private ITimer? _checkpointTimer;

    // Bumped under the lock by every entry point that may change what the checkpoint holds; the writer skips a tick when
    // it has not moved. Comparing the serialized cluster instead cost an 18 MB string four times a second at 10,000 tasks.
    private long _stateVersion;
    private long _checkpointedVersion = -1;

    // A write costs in proportion to the live tasks (an 8 MB file at 10,000): the next timer write waits this many times
    // as long as the last one took, so checkpointing keeps to a tenth of a core however large the cluster, while a
    // small one is still written every interval.
    private const int CheckpointPacing = 9;
    private long _nextCheckpointAt;
    private string? _configuredAgents;
    private string? _configuredDigest;

    private string? CheckpointFolder => string.IsNullOrWhiteSpace(_options.CheckpointPath) ? null : _options.CheckpointPath;

    /// <summary>Agents, frameworks and tasks recovered from the checkpoint at construction (0 when there was none).</summary>
    public int RecoveredTasks { get; private set; }

    private void StartCheckpointing()
    {
        if (CheckpointFolder is null)
        {
            return;
        }

        Directory.CreateDirectory(CheckpointFolder);
        WriteCheckpoint();
        _checkpointTimer = _time.CreateTimer(_ => WriteCheckpoint(paced: true), null, _options.CheckpointInterval, _options.CheckpointInterval);
    }

    private void StopCheckpointing()
    {
        _checkpointTimer?.Dispose();
        _checkpointTimer = null;
        if (CheckpointFolder is not null && _app is not null)
        {
            WriteCheckpoint();
        }
    }

    /// <summary>Writes the cluster if it changed since the last write: a temporary file renamed over the old one, so a
    /// kill at any moment leaves the previous or the new checkpoint whole, never half of one.</summary>
    private void WriteCheckpoint(bool paced = false)
    {
        // Timer callbacks may overlap a slow write; one writer at a time, the next tick catches up.
        if (CheckpointFolder is not { } folder || (paced && _time.GetTimestamp() < Volatile.Read(ref _nextCheckpointAt)) || !_checkpointWrite.TryEnter())
        {
            return;
        }

        var started = _time.GetTimestamp();
        try
        {
            MasterCheckpoint checkpoint;
            long version;
            lock (_lock)
            {
                version = _stateVersion;
                if (version == _checkpointedVersion)
                {
                    return;
                }

                checkpoint = SnapshotLocked();
            }

            var path = Path.Combine(folder, CheckpointFile);
            // Unique: two masters pointed at one folder (a test's default ./data) must not write one temporary file.
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
            {
                JsonSerializer.Serialize(stream, checkpoint, s_checkpointJson);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            _checkpointedVersion = version;
            var ended = _time.GetTimestamp();
            Volatile.Write(ref _nextCheckpointAt, ended + ((ended - started) * CheckpointPacing));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Checkpoint of the embedded master could not be written to {Folder}", folder);
        }
        finally
        {
            _checkpointWrite.Exit();
        }
    }

    /// <summary>Called under the lock by every entry point that may change agents, frameworks or tasks.</summary>
    private void StateChangedLocked() => _stateVersion++;

    private MasterCheckpoint SnapshotLocked()
    {
        var agents = _agents.Values
            .Select(a => new AgentCheckpoint(a.Id, _agentDefinitions[a.Id]))
            .ToList();
        var frameworks = new List<FrameworkCheckpoint>();
        foreach (var framework in _frameworks.Values)
        {
            var groups = new Dictionary<List<SimTask>, int>(ReferenceEqualityComparer.Instance);
            var tasks = framework.Tasks.Values
                .Where(t => !t.Released)
                .Select(t => new TaskCheckpoint(
                    t.EncodedInfo,
                    t.Agent.Id,
                    t.Executor.EncodedInfo,
                    t.Executor.IsExplicit,
                    GroupOf(t.Group),
                    (int)t.LatestState,
                    (int)t.SentState,
                    t.PendingUpdates.Count > 0))
                .ToList();
            frameworks.Add(new FrameworkCheckpoint(framework.Id, Convert.ToBase64String(framework.Info.ToByteArray()), tasks));

            int GroupOf(List<SimTask> group)
            {
                if (!groups.TryGetValue(group, out var index))
                {
                    index = groups.Count;
                    groups[group] = index;
                }

                return index;
            }
        }

        return new MasterCheckpoint(1, ConfiguredDigest(), agents, frameworks, [.. _removedFrameworks], new(_unreachableAgents, StringComparer.Ordinal));
    }

    /// <summary>Loads the checkpoint if there is one; true when it replaced the configured agents.</summary>
    private bool RecoverCheckpoint()
    {
        if (CheckpointFolder is not { } folder || !File.Exists(Path.Combine(folder, CheckpointFile)))
        {
            return false;
        }

        var path = Path.Combine(folder, CheckpointFile);
        MasterCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<MasterCheckpoint>(File.ReadAllText(path), s_checkpointJson);
        }
        catch (JsonException e)
        {
            // Written by rename, so never half a file; a file edited by hand may still be bad. Start afresh, loudly.
            _logger.LogError(e, "Checkpoint {Path} is unreadable; the embedded master starts without it", path);
            return false;
        }

        if (checkpoint is null)
        {
            return false;
        }

        // A checkpoint written before the digest holds the configuration's whole text.
        if (checkpoint.Configured != ConfiguredDigest() && checkpoint.Configured != ConfiguredAgents())
        {
            // As a Mesos agent whose resources changed refuses its old checkpoint: the operator asked for other agents.
            _logger.LogWarning("Checkpoint {Path} was made for other configured agents; the embedded master starts without it", path);
            return false;
        }

        lock (_lock)
        {
            foreach (var agent in checkpoint.Agents)
            {
                AddAgentLocked(agent.Definition, agent.Id);
            }

            foreach (var (agentId, since) in checkpoint.UnreachableAgents)
            {
                _unreachableAgents[agentId] = since;
            }

            _removedFrameworks.UnionWith(checkpoint.RemovedFrameworks);
            foreach (var saved in checkpoint.Frameworks)
            {
                RecoverFrameworkLocked(saved);
            }
        }

        _logger.LogInformation("Embedded Mesos master recovered {Agents} agents, {Frameworks} frameworks and {Tasks} tasks from {Path}",
            checkpoint.Agents.Count, checkpoint.Frameworks.Count, RecoveredTasks, path);
        return true;
    }

    private void RecoverFrameworkLocked(FrameworkCheckpoint saved)
    {
        var info = FrameworkInfo.Parser.ParseFrom(Convert.FromBase64String(saved.Info));
        var framework = new SimFramework(saved.Id, info);
        framework.Update(info);
        _frameworks[framework.Id] = framework;
        var groups = new Dictionary<int, List<SimTask>>();
        foreach (var task in saved.Tasks)
        {
            if (!_agents.TryGetValue(task.AgentId, out var agent))
            {
                continue;
            }

            var taskInfo = TaskInfo.Parser.ParseFrom(task.Info);
            var executorInfo = ExecutorInfo.Parser.ParseFrom(task.Executor);
            if (!ResourceBag.TryParse(taskInfo.Resources, out var resources, out _))
            {
                continue;
            }

            if (!agent.Executors.TryGetValue((framework.Id, executorInfo.ExecutorId.Value), out var executor))
            {
                var executorResources = task.ExplicitExecutor && ResourceBag.TryParse(executorInfo.Resources, out var parsed, out _) ? parsed : ResourceBag.Empty;
                executor = new SimExecutor(executorInfo, framework, agent, executorResources, task.ExplicitExecutor);
                agent.Executors[(framework.Id, executor.Id.Value)] = executor;
                agent.Used = agent.Used.Add(executor.Resources);
            }

            if (!groups.TryGetValue(task.Group, out var group))
            {
                group = [];
                groups[task.Group] = group;
            }

            var recovered = new SimTask(taskInfo.TaskId, framework, agent, executor, resources, group, taskInfo)
            {
                LatestState = (TaskState)task.LatestState,
                SentState = (TaskState)task.SentState,
            };
            group.Add(recovered);
            framework.Tasks[recovered.Id.Value] = recovered;
            agent.Tasks.Add(recovered);
            agent.Used = agent.Used.Add(resources);
            executor.LiveTasks.Add(recovered);
            OpenSandboxLocked(recovered, taskInfo, recovered: true);
            RecoveredTasks++;

            if (task.Unacknowledged || recovered.LatestState != recovered.SentState)
            {
                // As a recovering agent resends what the framework has not acknowledged: the latest state, anew.
                ExecutorUpdateLocked(recovered, recovered.LatestState);
            }

            if (recovered.LatestState is TaskState.TaskStaging or TaskState.TaskStarting)
            {
                var delay = _options.TaskStepDelay > TimeSpan.Zero ? _options.TaskStepDelay : TimeSpan.FromMilliseconds(1);
                recovered.StepTimer = _time.CreateTimer(_ => OnStep(recovered), null, delay, Timeout.InfiniteTimeSpan);
            }
            else if (recovered.LatestState == TaskState.TaskRunning && _options.TaskOutputInterval > TimeSpan.Zero)
            {
                // It keeps writing its periodic output, as before the restart.
                recovered.StepTimer = _time.CreateTimer(_ => OnStep(recovered), null, _options.TaskOutputInterval, Timeout.InfiniteTimeSpan);
            }
        }

        // Disconnected until it subscribes again, with the failover timeout it asked for, as after any disconnection.
        var timeout = info.FailoverTimeout;
        if (timeout > 0)
        {
            var due = TimeSpan.FromSeconds(Math.Min(timeout, s_maxTimer.TotalSeconds));
            framework.FailoverTimer = _time.CreateTimer(
                _ => OnFailoverTimeout(framework), null, due >= s_maxTimer ? Timeout.InfiniteTimeSpan : due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The agents configuration asks for, as JSON: a checkpoint recovers only onto the same configuration.</summary>
    private string ConfiguredAgents() => _configuredAgents ??=
        JsonSerializer.Serialize(_options.Agents.Count > 0 ? _options.Agents : GeneratedAgents(_options.AgentCount).ToList(), s_checkpointJson);

    /// <summary>
    /// What a checkpoint records of <see cref="ConfiguredAgents"/>: its SHA-256. The text itself (280 KB at 1,000
    /// agents) was written as a JSON string into every checkpoint, escaped through pooled 2 MB buffers the pool then
    /// kept (10-16 MB of working set), and the agents are in the checkpoint anyway.
    /// </summary>
    private string ConfiguredDigest() => _configuredDigest ??=
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ConfiguredAgents())));

    private sealed record MasterCheckpoint(
        int Version,
        string Configured,
        List<AgentCheckpoint> Agents,
        List<FrameworkCheckpoint> Frameworks,
        List<string> RemovedFrameworks,
        Dictionary<string, DateTimeOffset> UnreachableAgents);

    private sealed record AgentCheckpoint(string Id, EmbeddedAgentDefinition Definition);

    private sealed record FrameworkCheckpoint(string Id, string Info, List<TaskCheckpoint> Tasks);

    /// <summary>A live task: its TaskInfo and ExecutorInfo as protobuf (base64 in the file), states as Mesos enum values.</summary>
    private sealed record TaskCheckpoint(
        byte[] Info,
        string AgentId,
        byte[] Executor,
        bool ExplicitExecutor,
        int Group,
        int LatestState,
        int SentState,
        bool Unacknowledged);
}
