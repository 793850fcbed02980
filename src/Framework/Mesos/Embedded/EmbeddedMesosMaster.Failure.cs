using Mesos.V1;
using Microsoft.Extensions.Logging;
using TaskStatus = Mesos.V1.TaskStatus;

namespace KubeMesos.Framework.Mesos.Embedded;

public sealed partial class EmbeddedMesosMaster
{
    /// <summary>
    /// Operator hook: the agent fails, as a real agent does when it stops answering the master's health checks. The
    /// master marks it unreachable and it goes away: its offers are rescinded, its tasks become TASK_UNREACHABLE
    /// (PARTITION_AWARE frameworks) or TASK_LOST with REASON_AGENT_REMOVED and an "unreachable" message, and every
    /// connected framework gets FAILURE for the agent. <see cref="RemoveAgent"/> is the operator's deliberate removal;
    /// to a framework the two differ only in the message, as in Mesos.
    /// </summary>
    /// <returns>false if no such agent.</returns>
    public bool FailAgent(string agentId)
    {
        lock (_lock)
        {
            StateChangedLocked();
            if (LoseAgentLocked(agentId, lost => $"Agent {lost.Hostname} is unreachable: health checks failed") is not { } agent)
            {
                return false;
            }

            _logger.LogWarning("Agent {AgentId} ({Hostname}) failed: marked unreachable", agent.Id, agent.Hostname);
            return true;
        }
    }

    /// <summary>
    /// What a framework sees of an agent that leaves (failed or removed): the agent is marked unreachable, its offers are
    /// rescinded, its tasks get TASK_UNREACHABLE (or TASK_LOST) with REASON_AGENT_REMOVED and <paramref name="message"/>,
    /// and every connected framework gets FAILURE. Null if there is no such agent.
    /// </summary>
    private SimAgent? LoseAgentLocked(string agentId, Func<SimAgent, string> message)
    {
        if (!_agents.Remove(agentId, out var agent))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        _unreachableAgents[agentId] = now;
        foreach (var offer in agent.Offers.ToList())
        {
            RescindLocked(offer);
        }

        var text = message(agent);
        foreach (var task in agent.Tasks.ToList())
        {
            var status = MasterStatus(task.Framework, task.Id, TaskState.TaskUnreachable, TaskStatus.Types.Reason.AgentRemoved, text, agent.ProtoId);
            if (status.State == TaskState.TaskUnreachable)
            {
                status.UnreachableTime = new TimeInfo { Nanoseconds = now.ToUnixTimeMilliseconds() * 1_000_000 };
            }

            status.ExecutorId = task.Executor.Id;
            ForgetTaskLocked(task);
            task.Framework.Stream?.Send(Events.Update(status));
        }

        foreach (var framework in _frameworks.Values)
        {
            framework.Stream?.Send(Events.AgentFailure(agent.ProtoId));
        }

        return agent;
    }
}
