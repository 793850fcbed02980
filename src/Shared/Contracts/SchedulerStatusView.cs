namespace KubeMesos.Shared.Contracts;

/// <summary>The framework's link to its Mesos master.</summary>
public sealed record SchedulerStatusView(bool Connected, string Master, string? FrameworkId, string? LastError)
{
    public static SchedulerStatusView Disconnected(string master) => new(false, master, null, null);
}
