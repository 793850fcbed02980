namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>The in-process stand-in Mesos master (configuration section <c>Mesos:Embedded</c>).</summary>
public sealed class EmbeddedMasterOptions
{
    public const string Section = "Mesos:Embedded";

    /// <summary>Run the embedded master. Without <c>Mesos:Master</c> the framework then talks to it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Port to listen on; 0 picks a free one (see <see cref="EmbeddedMesosMaster.Started"/>).</summary>
    public int Port { get; set; } = 5050;

    /// <summary>
    /// The address to listen on: loopback unless set (the scheduler API has no authentication, as a Mesos master
    /// without <c>--authenticate_frameworks</c>); e.g. <c>0.0.0.0</c> for a master in its own container.
    /// </summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Number of generated agents when <see cref="Agents"/> is empty.</summary>
    public int AgentCount { get; set; } = 5;

    /// <summary>Explicit agents; when any are given they replace the generated ones.</summary>
    public List<EmbeddedAgentDefinition> Agents { get; set; } = [];

    /// <summary>Period of HEARTBEAT events; also the value sent as heartbeat_interval_seconds (Mesos: 15 s).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Period of allocation batches (Mesos <c>--allocation_interval</c>, 1 s).</summary>
    public TimeSpan AllocationInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time between the simulated STAGING → STARTING → RUNNING steps of a launched task.</summary>
    public TimeSpan TaskStepDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Period of the output line a running simulated task writes to its stdout; zero writes none after start-up.</summary>
    public TimeSpan TaskOutputInterval { get; set; } = TimeSpan.Zero;

    /// <summary>First resend delay of an unacknowledged status update; doubles up to 10 min (Mesos: 10 s).</summary>
    public TimeSpan UpdateRetryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>Mesos:Embedded:CheckpointPath</c>: the folder where the master checkpoints its agents, frameworks and tasks,
    /// as Mesos agents checkpoint theirs, so that a restart recovers them. Unset: <c>mesos-master</c> inside the data
    /// folder (<c>Store:Path</c>) when registered through DI; empty: no checkpoint.
    /// </summary>
    public string? CheckpointPath { get; set; }

    /// <summary>How often a changed cluster is written to the checkpoint (and always at a graceful stop).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>One simulated agent. Scalars in Mesos units: cpus, MB of memory and disk.</summary>
public sealed class EmbeddedAgentDefinition
{
    public string Hostname { get; set; } = "";
    public double Cpus { get; set; } = 4;
    public double Mem { get; set; } = 8192;
    public double Disk { get; set; } = 102400;
    public int PortsBegin { get; set; } = 31000;
    public int PortsEnd { get; set; } = 32000;

    /// <summary>Agent attributes; numeric values become SCALAR attributes, others TEXT (as Mesos parses <c>--attributes</c>).</summary>
    public Dictionary<string, string> Attributes { get; set; } = [];
}
