using Mesos.V1;
using Attribute = Mesos.V1.Attribute;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>A simulated agent. Guarded by the master's lock.</summary>
internal sealed class SimAgent(string id, string hostname, int port, ResourceBag total, IReadOnlyList<Attribute> attributes)
{
    public string Id { get; } = id;
    public AgentID ProtoId { get; } = new() { Value = id };
    public string Hostname { get; } = hostname;
    public int Port { get; } = port;
    public ResourceBag Total { get; } = total;
    public IReadOnlyList<Attribute> Attributes { get; } = attributes;
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>Resources of live tasks and running executors.</summary>
    public ResourceBag Used
    {
        get;
        set
        {
            field = value;
            _available = null;
        }
    } = ResourceBag.Empty;

    /// <summary>Resources in outstanding offers.</summary>
    public ResourceBag Offered
    {
        get;
        set
        {
            field = value;
            _available = null;
        }
    } = ResourceBag.Empty;

    public HashSet<SimOffer> Offers { get; } = [];
    public HashSet<SimTask> Tasks { get; } = [];
    public Dictionary<(string FrameworkId, string ExecutorId), SimExecutor> Executors { get; } = [];

    /// <summary>What is neither used nor offered; kept until either changes (every allocation asks every agent).</summary>
    public ResourceBag Available => _available ??= Total.Subtract(Used).Subtract(Offered);

    private ResourceBag? _available;
}
