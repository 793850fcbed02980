using System.ComponentModel.DataAnnotations;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling;

/// <summary>How pods are matched to offers and launched (section <c>Scheduler</c>).</summary>
public sealed class SchedulerOptions : IValidatableObject
{
    public const string Section = "Scheduler";

    /// <summary>Default placement strategy; a pod may choose another with the <c>kubemesos.io/placement-strategy</c> annotation.</summary>
    public PlacementStrategy Strategy { get; set; } = PlacementStrategy.FirstFit;

    /// <summary>LAUNCH_GROUP with the default executor (default), or a plain LAUNCH for masters without task groups.</summary>
    public LaunchMode LaunchMode { get; set; } = LaunchMode.TaskGroup;

    /// <summary>The containerizer of pods' containers: <c>Mesos</c> (default) or <c>Docker</c> (needs <c>LaunchMode=Task</c>).</summary>
    public ContainerizerType ContainerType { get; set; } = ContainerizerType.Mesos;

    /// <summary>First wait of a pod that fit nowhere; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a newly created pod waits for others before a placement pass, when no offer or freed resources start
    /// one sooner. Accepting an offer hands all of it back to the master, so a pass for each of a burst's pods would
    /// spend every agent's offer on one or two pods and then wait for offers to come back; lingering a little lets one
    /// pass fill an agent. Zero places every pod as soon as it is seen.
    /// </summary>
    public TimeSpan PlacementLinger { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// How long no new pod must come before the roles no waiting pod can use are suppressed (checked at each
    /// housekeeping). A burst's pods come one after another and placement passes empty the queue between them:
    /// suppressing after each pass made the next pod revive, and the master offer every agent again, 150 times in a
    /// 10,000-pod burst (whose REVIVEs also lifted the refusal the ACCEPTs put on their offers' leftovers: while pods
    /// keep coming within this time, ACCEPTs refuse nothing). Zero suppresses as soon as a pass leaves nothing waiting.
    /// </summary>
    public TimeSpan SuppressIdleTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an offer nothing fits into is held before it is declined.</summary>
    public TimeSpan OfferHoldTime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary><c>refuse_seconds</c> sent with a decline (Mesos' default is 5).</summary>
    [Range(0, 31536000)]
    public double RefuseSeconds { get; set; } = 5;

    /// <summary>
    /// <c>refuse_seconds</c> of the decline sent at once for offers no waiting pod can use (so other frameworks get
    /// them); a new pod revives, which lifts it early.
    /// </summary>
    [Range(0, 31536000)]
    public double UnusableOfferRefuseSeconds { get; set; } = 30;

    /// <summary>cpus a container gets when it sets neither requests nor limits.</summary>
    [Range(0.001, 1024)]
    public double DefaultContainerCpus { get; set; } = 0.25;

    /// <summary>Memory (MiB) a container gets when it sets neither requests nor limits.</summary>
    [Range(1, 1048576)]
    public double DefaultContainerMemMb { get; set; } = 64;

    /// <summary>Resources of each pod's default executor; Mesos asks for at least 0.01 cpus, 32 MB and some disk.</summary>
    [Range(0.01, 64)]
    public double ExecutorCpus { get; set; } = 0.1;

    [Range(32, 65536)]
    public double ExecutorMemMb { get; set; } = 32;

    [Range(1, 65536)]
    public double ExecutorDiskMb { get; set; } = 10;

    /// <summary>How long a deleted pod stays Terminating waiting for TASK_KILLED before it is dropped.</summary>
    public TimeSpan KillGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often held offers and terminating pods are checked.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Mesos' Docker containerizer cannot run a task group's nested containers.
        if (ContainerType == ContainerizerType.Docker && LaunchMode != LaunchMode.Task)
        {
            yield return new ValidationResult("Scheduler:ContainerType=Docker needs Scheduler:LaunchMode=Task (Mesos runs task groups only in the Mesos containerizer).",
                [nameof(ContainerType), nameof(LaunchMode)]);
        }
    }
}
