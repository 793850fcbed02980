namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>A filter's answer for one pod on one agent: yes, or no with a reason that explains it to an operator.</summary>
public sealed record PlacementStatus(bool Fits, string? Reason, string Plugin)
{
    public static PlacementStatus Yes(string plugin) => new(true, null, plugin);

    public static PlacementStatus No(string plugin, string reason) => new(false, reason, plugin);
}
