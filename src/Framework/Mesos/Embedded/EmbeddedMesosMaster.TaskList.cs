using KubeMesos.Framework.Scheduling;

namespace KubeMesos.Framework.Mesos.Embedded;

// The master's own task list, for operators and for fault tests that check the store against what the master runs.
public sealed partial class EmbeddedMesosMaster
{
    /// <summary>A snapshot of every task of every registered framework, connected or not.</summary>
    public IReadOnlyList<EmbeddedTaskInfo> GetTasks()
    {
        lock (_lock)
        {
            return _frameworks.Values
                .SelectMany(f => f.Tasks.Values)
                .Select(t => new EmbeddedTaskInfo(t.Framework.Id, t.Id.Value, t.Agent.Id, TaskStates.Name(t.LatestState), TaskStates.Name(t.SentState)))
                .ToList();
        }
    }
}
