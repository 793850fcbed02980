using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>How the framework reaches and presents itself to its Mesos master (section <c>Mesos</c>).</summary>
public sealed class MesosClientOptions
{
    public const string Section = "Mesos";

    /// <summary>
    /// The master's URL. When unset and the embedded master is enabled, the embedded master's own address is used.
    /// </summary>
    public string? Master { get; set; }

    [Required]
    public string FrameworkName { get; set; } = "kubemesos";

    [Required]
    public string Role { get; set; } = "kubemesos";

    [Required]
    public string User { get; set; } = "root";

    public string? Principal { get; set; }

    /// <summary>How long the master keeps our tasks while we are away (Mesos default 0 kills them at once).</summary>
    [Range(0, double.MaxValue)]
    public double FailoverTimeoutSeconds { get; set; } = TimeSpan.FromDays(7).TotalSeconds;

    /// <summary><c>protobuf</c> (default) or <c>json</c>: the encoding of calls and of the event stream.</summary>
    [RegularExpression("^(protobuf|json)$")]
    public string Encoding { get; set; } = "protobuf";

    /// <summary>Heartbeats that may be missed before the stream is considered dead (Mesos docs suggest 5).</summary>
    [Range(1, 100)]
    public int MissedHeartbeatsTolerated { get; set; } = 5;

    /// <summary>First wait before resubscribing; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan MinReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Timeout of calls other than SUBSCRIBE.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UseJson => string.Equals(Encoding, "json", StringComparison.OrdinalIgnoreCase);
}
