namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// A read-only view of one task the master holds: a live one, or a terminal one whose last update is not yet
/// acknowledged. <see cref="State"/> is the agent's latest state (<c>TASK_RUNNING</c>); <see cref="SentState"/> what the
/// framework was last told.
/// </summary>
public sealed record EmbeddedTaskInfo(string FrameworkId, string TaskId, string AgentId, string State, string SentState);
