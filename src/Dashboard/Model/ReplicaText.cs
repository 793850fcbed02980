using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Model;

/// <summary>How a replication controller's progress reads.</summary>
public static class ReplicaText
{
    /// <summary>Ready out of desired, 0–100; a controller scaled to zero is done (100).</summary>
    public static double ReadyPercent(ReplicationControllerView rc)
    {
        ArgumentNullException.ThrowIfNull(rc);
        return rc.Desired <= 0 ? 100 : Math.Clamp(100.0 * rc.Ready / rc.Desired, 0, 100);
    }

    /// <summary>"3 desired, 2 current, 1 ready: converging" or "...: up to date".</summary>
    public static string Describe(ReplicationControllerView rc)
    {
        ArgumentNullException.ThrowIfNull(rc);
        var state = rc.IsConverging ? "converging" : "up to date";
        return $"{DisplayFormat.Count(rc.Desired)} desired, {DisplayFormat.Count(rc.Current)} current, {DisplayFormat.Count(rc.Ready)} ready: {state}";
    }
}
