namespace KubeMesos.Framework.Scheduling;

public enum LaunchMode
{
    /// <summary>Each pod is a task group under the DEFAULT executor: one task per container.</summary>
    TaskGroup,

    /// <summary>Each pod is one task with the command executor (single-container pods only).</summary>
    Task,
}
