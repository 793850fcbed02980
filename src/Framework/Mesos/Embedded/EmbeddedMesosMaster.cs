using System.Globalization;
using System.Net;
using Mesos.V1;
using Attribute = Mesos.V1.Attribute;
using TaskStatus = Mesos.V1.TaskStatus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// An in-process stand-in for an Apache Mesos master: serves the real v1 Scheduler HTTP API (MESOS-V1-FACTS §1–7 and
/// "What a stand-in master must do") on its own loopback Kestrel server, with simulated agents and tasks.
/// All cluster state lives behind one lock; public members are thread-safe. Runs as a hosted service.
/// </summary>
public sealed partial class EmbeddedMesosMaster : IHostedService, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly EmbeddedMasterOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource<Uri> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Dictionary<string, SimAgent> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimFramework> _frameworks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimOffer> _offers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removedFrameworks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _unreachableAgents = new(StringComparer.Ordinal);

    private long _nextFramework;
    private long _nextAgent;
    private long _nextOffer;
    private long _rejectedCalls;
    private int _allocationRotation;
    private WebApplication? _app;
    private ITimer? _allocationTimer;

    public EmbeddedMesosMaster(IOptions<EmbeddedMasterOptions> options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _options = options.Value;
        var validation = new EmbeddedMasterOptionsValidator().Validate(null, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(EmbeddedMasterOptions.Section, typeof(EmbeddedMasterOptions), validation.Failures);
        }

        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<EmbeddedMesosMaster>();
        _time = timeProvider;
        MasterId = Guid.NewGuid().ToString();
        if (!RecoverCheckpoint())
        {
            var agents = _options.Agents.Count > 0 ? _options.Agents : GeneratedAgents(_options.AgentCount);
            foreach (var agent in agents)
            {
                AddAgentLocked(agent);
            }
        }
    }

    /// <summary>The master's ID; framework, agent and offer IDs start with it.</summary>
    public string MasterId { get; }

    /// <summary>Completes with the base URL (<c>http://127.0.0.1:PORT/</c>) once the master listens.</summary>
    public Task<Uri> Started => _started.Task;

    /// <summary>The base URL, or null before the master listens.</summary>
    public Uri? BaseUri => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : null;

    /// <summary>Calls answered with a 4xx/5xx status since start (each is also logged as a warning).</summary>
    public long RejectedCalls => Interlocked.Read(ref _rejectedCalls);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            _logger.LogInformation("Embedded Mesos master is disabled");
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Parse(_options.Address), _options.Port);
            // A Mesos master names no server in its answers; one header less for a framework to parse on every call.
            k.AddServerHeader = false;
        });
        builder.Services.AddSingleton(_loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        var app = builder.Build();
        var router = new MasterHttpRouter(
            this, new SchedulerEndpoint(this, _loggerFactory.CreateLogger<SchedulerEndpoint>()), new OperatorEndpoint(this, _loggerFactory.CreateLogger<OperatorEndpoint>()));
        app.Run(router.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            throw;
        }

        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // A wildcard bind is reached on loopback from this process.
        var bound = new Uri(address);
        var uri = new UriBuilder(bound.Scheme, IPAddress.Parse(_options.Address) is var ip && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) ? "127.0.0.1" : bound.Host, bound.Port).Uri;
        _allocationTimer = _time.CreateTimer(_ => Allocate(), null, _options.AllocationInterval, _options.AllocationInterval);
        StartCheckpointing();
        _logger.LogInformation("Embedded Mesos master listening on {Url}", uri.GetLeftPart(UriPartial.Authority));
        _started.TrySetResult(uri);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _allocationTimer?.Dispose();
        lock (_lock)
        {
            // Ends every event stream so Kestrel's graceful shutdown does not wait for them.
            foreach (var framework in _frameworks.Values)
            {
                framework.Stream?.Close();
                framework.FailoverTimer?.Dispose();
                foreach (var task in framework.Tasks.Values)
                {
                    task.StopTimers();
                }
            }
        }

        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        StopCheckpointing();
        _started.TrySetCanceled(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _allocationTimer?.Dispose();
        _checkpointTimer?.Dispose();
        if (_app is { } app)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Operator hook: adds an agent; offers for it go out right away.</summary>
    /// <exception cref="ArgumentException">the definition is invalid.</exception>
    public EmbeddedAgentInfo AddAgent(EmbeddedAgentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = EmbeddedMasterOptionsValidator.ValidateAgent(definition).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(definition));
        }

        EmbeddedAgentInfo info;
        lock (_lock)
        {
            StateChangedLocked();
            info = View(AddAgentLocked(definition));
            AllocateLocked();
        }

        return info;
    }

    /// <summary>
    /// Operator hook: the agent is lost for good. Its offers are rescinded; its tasks become TASK_UNREACHABLE
    /// (PARTITION_AWARE) or TASK_LOST with REASON_AGENT_REMOVED; every connected framework gets FAILURE.
    /// </summary>
    /// <returns>false if no such agent.</returns>
    public bool RemoveAgent(string agentId)
    {
        lock (_lock)
        {
            StateChangedLocked();
            if (LoseAgentLocked(agentId, _ => "Agent removed") is not { } agent)
            {
                return false;
            }

            _logger.LogInformation("Agent {AgentId} ({Hostname}) removed", agent.Id, agent.Hostname);
            return true;
        }
    }

    /// <summary>Operator hook: the task fails (TASK_FAILED from its executor, with a uuid); the rest of its group is killed.</summary>
    /// <returns>false if the framework has no such live task.</returns>
    public bool FailTask(string frameworkId, string taskId, string message = "Failed by operator")
    {
        lock (_lock)
        {
            StateChangedLocked();
            if (!_frameworks.TryGetValue(frameworkId, out var framework)
                || !framework.Tasks.TryGetValue(taskId, out var task)
                || task.Released)
            {
                return false;
            }

            ExecutorUpdateLocked(task, TaskState.TaskFailed, message, TaskStatus.Types.Reason.ExecutorTerminated);
            KillGroupLocked(task.Group);
            return true;
        }
    }

    /// <summary>A snapshot of every agent with its total, used and offered resources.</summary>
    public IReadOnlyList<EmbeddedAgentInfo> GetAgents()
    {
        lock (_lock)
        {
            return _agents.Values.Select(View).ToList();
        }
    }

    /// <summary>IDs of the registered frameworks with whether each is connected.</summary>
    public IReadOnlyDictionary<string, bool> GetFrameworks()
    {
        lock (_lock)
        {
            return _frameworks.Values.ToDictionary(f => f.Id, f => f.Connected, StringComparer.Ordinal);
        }
    }

    internal void CountRejection() => Interlocked.Increment(ref _rejectedCalls);

    private static EmbeddedAgentInfo View(SimAgent agent) => new(
        agent.Id,
        agent.Hostname,
        agent.Attributes.ToDictionary(a => a.Name, a => a.Text?.Value ?? a.Scalar?.Value.ToString(CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal),
        ResourceAmounts.From(agent.Total),
        ResourceAmounts.From(agent.Used),
        ResourceAmounts.From(agent.Offered),
        agent.Tasks.Count);

    private SimAgent AddAgentLocked(EmbeddedAgentDefinition definition, string? recoveredId = null)
    {
        var id = recoveredId ?? $"{MasterId}-S{_nextAgent++}";
        _agentDefinitions[id] = definition;
        var total = ResourceBag.Create(
            [new("cpus", definition.Cpus), new("mem", definition.Mem), new("disk", definition.Disk)],
            [new("ports", ((ulong)definition.PortsBegin, (ulong)definition.PortsEnd))]);
        var attributes = definition.Attributes.Select(kv =>
            double.TryParse(kv.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? new Attribute { Name = kv.Key, Type = Value.Types.Type.Scalar, Scalar = new() { Value = number } }
                : new Attribute { Name = kv.Key, Type = Value.Types.Type.Text, Text = new() { Value = kv.Value } }).ToList();
        var agent = new SimAgent(id, definition.Hostname, 5051, total, attributes) { RegisteredAt = _time.GetUtcNow() };
        _agents.Add(id, agent);
        return agent;
    }

    /// <summary>Varied agents like a small real cluster: agent-N, cpus 4/8/16/2, mem 8/16/32 GB, rack r1..r3, two zones.</summary>
    private static IEnumerable<EmbeddedAgentDefinition> GeneratedAgents(int count)
    {
        double[] cpus = [4, 8, 16, 2];
        double[] mem = [8192, 16384, 32768];
        double[] disk = [102400, 204800, 51200];
        for (var i = 0; i < count; i++)
        {
            yield return new EmbeddedAgentDefinition
            {
                Hostname = $"agent-{i}",
                Cpus = cpus[i % cpus.Length],
                Mem = mem[i % mem.Length],
                Disk = disk[i % disk.Length],
                Attributes = new() { ["rack"] = $"r{(i % 3) + 1}", ["zone"] = i % 2 == 0 ? "zone-a" : "zone-b" },
            };
        }
    }
}
