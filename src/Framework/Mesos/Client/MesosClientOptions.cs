using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>How the framework reaches and presents itself to its Mesos master (section <c>Mesos</c>).</summary>
public sealed class MesosClientOptions
{
    public const string Section = "Mesos";

    /// <summary>
    /// The master's URL, or several comma-separated (<c>http://m1:5050,http://m2:5050</c>): the framework tries them in
    /// turn and follows a non-leading master's 307 to the leader. <c>https://</c> URLs use TLS (see
    /// <see cref="CaCertificatePath"/>). When unset and the embedded master is enabled, the embedded master is used.
    /// </summary>
    public string? Master { get; set; }

    /// <summary>Secret of <see cref="Principal"/>: sent as HTTP basic authentication when set (masters with
    /// <c>--authenticate_http_frameworks</c>).</summary>
    public string? Secret { get; set; }

    /// <summary>PEM file of a CA certificate trusted for <c>https://</c> masters (besides the system's).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>FrameworkInfo.checkpoint: agents checkpoint our tasks so they survive an agent restart.</summary>
    public bool Checkpoint { get; set; } = true;

    /// <summary>FrameworkInfo.hostname; the machine name when unset.</summary>
    public string? Hostname { get; set; }

    /// <summary>FrameworkInfo.webui_url: the dashboard's URL, linked from the Mesos web UI.</summary>
    public string? WebuiUrl { get; set; }

    /// <summary>The master URLs of <see cref="Master"/> (empty when unset).</summary>
    public IReadOnlyList<Uri> MasterUris => string.IsNullOrWhiteSpace(Master)
        ? []
        : Master.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => new Uri(m.EndsWith('/') ? m : m + "/", UriKind.Absolute)).ToList();

    [Required]
    public string FrameworkName { get; set; } = "kubemesos";

    /// <summary>The single role of older configurations: an alias of <see cref="Roles"/> with one entry.</summary>
    public string? Role { get; set; }

    /// <summary>
    /// FrameworkInfo.roles (the framework subscribes MULTI_ROLE): offers come per role, each pod may ask for one with
    /// the <c>kubemesos.io/role</c> annotation, otherwise any of them serves. Empty: <see cref="Role"/>, else "kubemesos".
    /// </summary>
    public List<string> Roles { get; set; } = [];

    public const string DefaultRole = "kubemesos";

    /// <summary>The roles the framework subscribes with, in configured order, without duplicates.</summary>
    public IReadOnlyList<string> EffectiveRoles => Roles.Count > 0
        ? Roles.Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList()
        : [string.IsNullOrWhiteSpace(Role) ? DefaultRole : Role.Trim()];

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
