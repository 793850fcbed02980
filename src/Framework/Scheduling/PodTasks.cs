using Mesos.V1;

namespace KubeMesos.Framework.Scheduling;

/// <summary>A launched pod's tasks and the latest state of each.</summary>
internal sealed class PodTasks(string podKey, string agentId, ResourceDemand charged, string? ownerUid)
{
    public string PodKey { get; } = podKey;

    public string AgentId { get; } = agentId;

    /// <summary>What the pod holds on its agent until every task is terminal.</summary>
    public ResourceDemand Charged { get; } = charged;

    public string? OwnerUid { get; } = ownerUid;

    /// <summary>Host ports the pod holds on its agent (for the agent's port usage).</summary>
    public int HostPorts { get; init; }

    public Dictionary<string, TaskState> States { get; } = new(StringComparer.Ordinal);

    public bool Released { get; set; }

    public DateTimeOffset? DeletionRequestedAt { get; set; }

    public bool AllTerminal => States.Count > 0 && States.Values.All(TaskStates.IsTerminal);
}
