namespace KubeMesos.Shared.Contracts;

/// <summary>Kubernetes pod phases (<c>status.phase</c>).</summary>
public static class PodPhases
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Unknown = "Unknown";
}
