namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>
/// A filter's answer for one pod on one agent: yes, or no with a reason that explains it to an operator, and whether
/// the no may turn into a yes as the agent changes (<see cref="PlacementCode"/>, after kube-scheduler's codes).
/// </summary>
public sealed record PlacementStatus(bool Fits, string? Reason, string Plugin, PlacementCode Code = PlacementCode.Unschedulable)
{
    public static PlacementStatus Yes(string plugin) => new(true, null, plugin, PlacementCode.Success);

    public static PlacementStatus No(string plugin, string reason, PlacementCode code = PlacementCode.Unschedulable) => new(false, reason, plugin, code);
}

/// <summary>kube-scheduler's status codes: passes, may pass later (resources free up), cannot pass while the agent stays as it is.</summary>
public enum PlacementCode
{
    Success,
    Unschedulable,
    UnschedulableAndUnresolvable,
}

/// <summary>The reasons filters and the scheduler give, so that tests and the explanation match on names, not repeated strings.</summary>
public static class PlacementReasons
{
    /// <summary>The PodScheduled=False condition's reason, as Kubernetes writes it for every kind of waiting.</summary>
    public const string Unschedulable = "Unschedulable";

    public const string NoOffer = "no outstanding offer";
    public const string InsufficientCpus = "insufficient cpus";
    public const string InsufficientMem = "insufficient mem";
    public const string InsufficientDisk = "insufficient disk";
    public const string HostPortUnavailable = "host port unavailable";
    public const string InsufficientPorts = "insufficient ports";
    public const string NodeSelectorMismatch = "node selector mismatch";
    public const string RoleMismatch = "offered to another role";
    public const string NeedsTaskGroups = "multi-container pods need task groups (Scheduler:LaunchMode=TaskGroup)";
}
