using System.Globalization;
using Mesos.V1;
using Mesos.V1.Master;
using Mesos.V1.Operator;
using TaskStatus = Mesos.V1.TaskStatus;

namespace KubeMesos.Framework.Mesos.Embedded;

// The operator API's answers (mesos.v1.master.Response) and the /master/state and /version JSON, built under the lock.
public sealed partial class EmbeddedMesosMaster
{
    public const string Version = "1.11.0";

    /// <summary>The URL an agent's offers carry: this Kestrel, under the agent's own path (its <c>/files/read</c> is beside it).</summary>
    private URL AgentUrl(SimAgent agent) => new()
    {
        Scheme = "http",
        Address = new() { Hostname = agent.Hostname, Ip = "127.0.0.1", Port = BaseUri?.Port ?? _options.Port },
        Path = $"{MasterHttpRouter.AgentPrefix}{agent.Id}/slave(1)",
    };

    /// <summary>The answer to an operator call, or null for a call type the embedded master does not serve.</summary>
    internal Response? OperatorResponse(Call.Types.Type type)
    {
        lock (_lock)
        {
            return type switch
            {
                Call.Types.Type.GetHealth => new Response { Type = Response.Types.Type.GetHealth, GetHealth = new() { Healthy = true } },
                Call.Types.Type.GetVersion => new Response { Type = Response.Types.Type.GetVersion, GetVersion = new() { VersionInfo = VersionInfoProto() } },
                Call.Types.Type.GetAgents => new Response { Type = Response.Types.Type.GetAgents, GetAgents = AgentsLocked() },
                Call.Types.Type.GetFrameworks => new Response { Type = Response.Types.Type.GetFrameworks, GetFrameworks = FrameworksLocked() },
                Call.Types.Type.GetTasks => new Response { Type = Response.Types.Type.GetTasks, GetTasks = TasksLocked() },
                Call.Types.Type.GetState => new Response
                {
                    Type = Response.Types.Type.GetState,
                    GetState = new()
                    {
                        GetTasks = TasksLocked(),
                        GetExecutors = ExecutorsLocked(),
                        GetFrameworks = FrameworksLocked(),
                        GetAgents = AgentsLocked(),
                    },
                },
                _ => null,
            };
        }
    }

    private static VersionInfo VersionInfoProto() => new() { Version = Version, BuildUser = "kubemesos", GitTag = Version };

    internal static Dictionary<string, object> VersionJson() => new()
    {
        ["version"] = Version,
        ["build_user"] = "kubemesos",
        ["git_tag"] = Version,
    };

    private static TimeInfo Time(DateTimeOffset at) => new() { Nanoseconds = at.ToUnixTimeMilliseconds() * 1_000_000 };

    private Response.Types.GetAgents AgentsLocked()
    {
        var port = BaseUri?.Port ?? _options.Port;
        var result = new Response.Types.GetAgents();
        foreach (var agent in _agents.Values)
        {
            var entry = new Response.Types.GetAgents.Types.Agent
            {
                AgentInfo = new AgentInfo { Hostname = agent.Hostname, Port = port, Id = agent.ProtoId },
                Active = true,
                Version = Version,
                Pid = $"slave(1)@127.0.0.1:{port}",
                RegisteredTime = Time(agent.RegisteredAt),
            };
            entry.AgentInfo.Resources.Add(agent.Total.ToProto(null));
            entry.AgentInfo.Attributes.Add(agent.Attributes);
            entry.TotalResources.Add(agent.Total.ToProto(null));
            entry.AllocatedResources.Add(agent.Used.ToProto(null));
            entry.OfferedResources.Add(agent.Offered.ToProto(null));
            result.Agents.Add(entry);
        }

        return result;
    }

    private Response.Types.GetFrameworks FrameworksLocked()
    {
        var result = new Response.Types.GetFrameworks();
        foreach (var framework in _frameworks.Values)
        {
            var entry = new Response.Types.GetFrameworks.Types.Framework
            {
                FrameworkInfo = framework.Info.Clone(),
                Active = framework.Connected,
                Connected = framework.Connected,
                Recovered = false,
                RegisteredTime = Time(framework.RegisteredAt),
            };
            entry.FrameworkInfo.Id ??= framework.ProtoId;

            // One entry per agent, as Mesos reports allocations (which agent holds what is in GET_TASKS).
            foreach (var byAgent in framework.Tasks.Values.Where(t => !t.Released).GroupBy(t => (t.Agent, t.Role)))
            {
                var used = byAgent.Aggregate(ResourceBag.Empty, (sum, t) => sum.Add(t.Resources));
                used = byAgent.Select(t => t.Executor).Distinct().Aggregate(used, (sum, e) => sum.Add(e.Resources));
                entry.AllocatedResources.Add(used.ToProto(byAgent.Key.Role));
            }

            foreach (var offer in framework.Offers)
            {
                entry.OfferedResources.Add(offer.Resources.ToProto(offer.Role));
            }

            result.Frameworks.Add(entry);
        }

        return result;
    }

    private Response.Types.GetTasks TasksLocked()
    {
        var result = new Response.Types.GetTasks();
        foreach (var framework in _frameworks.Values)
        {
            foreach (var task in framework.Tasks.Values)
            {
                var info = task.Info;
                var proto = new global::Mesos.V1.Operator.Task
                {
                    Name = info.Name,
                    TaskId = task.Id,
                    FrameworkId = framework.ProtoId,
                    ExecutorId = task.Executor.IsExplicit ? task.Executor.Id : null,
                    AgentId = task.Agent.ProtoId,
                    State = framework.Downgrade(task.LatestState),
                };
                proto.Resources.Add(task.Resources.ToProto(framework.MultiRole ? task.Role : null));
                proto.Statuses.Add(new TaskStatus { TaskId = task.Id, State = proto.State, AgentId = task.Agent.ProtoId, Source = TaskStatus.Types.Source.Executor });
                if (info.Labels is { } labels)
                {
                    proto.Labels = labels;
                }

                if (info.Container is { } container)
                {
                    proto.Container = container;
                }

                (IsTerminal(task.LatestState) ? result.CompletedTasks : result.Tasks).Add(proto);
            }
        }

        return result;
    }

    private Response.Types.GetExecutors ExecutorsLocked()
    {
        var result = new Response.Types.GetExecutors();
        foreach (var agent in _agents.Values)
        {
            foreach (var executor in agent.Executors.Values.Where(e => e.IsExplicit))
            {
                result.Executors.Add(new Response.Types.GetExecutors.Types.Executor { ExecutorInfo = executor.Info, AgentId = agent.ProtoId });
            }
        }

        return result;
    }

    /// <summary><c>GET /master/state</c>: the fields of Mesos' state JSON that tools read (resources as name → amount).</summary>
    internal Dictionary<string, object?> StateJson()
    {
        lock (_lock)
        {
            var port = BaseUri?.Port ?? _options.Port;
            var pid = $"master@127.0.0.1:{port}";
            return new()
            {
                ["version"] = Version,
                ["id"] = MasterId,
                ["pid"] = pid,
                ["leader"] = pid,
                ["hostname"] = "localhost",
                ["activated_slaves"] = _agents.Count,
                ["deactivated_slaves"] = 0,
                ["unreachable_slaves"] = _unreachableAgents.Count,
                ["slaves"] = _agents.Values.Select(a => new Dictionary<string, object?>
                {
                    ["id"] = a.Id,
                    ["hostname"] = a.Hostname,
                    ["port"] = port,
                    ["pid"] = $"slave(1)@127.0.0.1:{port}",
                    ["active"] = true,
                    ["version"] = Version,
                    ["registered_time"] = a.RegisteredAt.ToUnixTimeMilliseconds() / 1000.0,
                    ["resources"] = StateResources(a.Total),
                    ["used_resources"] = StateResources(a.Used),
                    ["offered_resources"] = StateResources(a.Offered),
                    ["attributes"] = a.Attributes.ToDictionary(x => x.Name, x => (object?)(x.Text?.Value ?? (object?)x.Scalar?.Value)),
                }).ToList(),
                ["frameworks"] = _frameworks.Values.Select(f => new Dictionary<string, object?>
                {
                    ["id"] = f.Id,
                    ["name"] = f.Info.Name,
                    ["user"] = f.Info.User,
                    ["hostname"] = f.Info.HasHostname ? f.Info.Hostname : null,
                    ["webui_url"] = f.Info.HasWebuiUrl ? f.Info.WebuiUrl : "",
                    ["principal"] = f.Info.HasPrincipal ? f.Info.Principal : null,
                    ["roles"] = f.Roles,
                    ["active"] = f.Connected,
                    ["connected"] = f.Connected,
                    ["checkpoint"] = f.Info.Checkpoint,
                    ["failover_timeout"] = f.Info.FailoverTimeout,
                    ["registered_time"] = f.RegisteredAt.ToUnixTimeMilliseconds() / 1000.0,
                    ["used_resources"] = StateResources(UsedLocked(f)),
                    ["offered_resources"] = StateResources(f.Offers.Aggregate(ResourceBag.Empty, (s, o) => s.Add(o.Resources))),
                    ["tasks"] = f.Tasks.Values.Where(t => !t.Released).Select(t => new Dictionary<string, object?>
                    {
                        ["id"] = t.Id.Value,
                        ["name"] = t.Name,
                        ["framework_id"] = f.Id,
                        ["executor_id"] = t.Executor.IsExplicit ? t.Executor.Id.Value : "",
                        ["slave_id"] = t.Agent.Id,
                        ["state"] = TaskStateName(f.Downgrade(t.LatestState)),
                        ["resources"] = StateResources(t.Resources),
                    }).ToList(),
                    ["offers"] = f.Offers.Select(o => new Dictionary<string, object?>
                    {
                        ["id"] = o.Id,
                        ["framework_id"] = f.Id,
                        ["slave_id"] = o.Agent.Id,
                        ["resources"] = StateResources(o.Resources),
                    }).ToList(),
                }).ToList(),
            };
        }
    }

    private static Dictionary<string, object> StateResources(ResourceBag bag) => new()
    {
        ["cpus"] = bag.Scalar("cpus"),
        ["mem"] = bag.Scalar("mem"),
        ["disk"] = bag.Scalar("disk"),
        ["ports"] = "[" + string.Join(", ", bag.Ranges("ports").Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Begin}-{r.End}"))) + "]",
    };

    private static string TaskStateName(TaskState state) =>
        MesosReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("TaskState")?.FindValueByNumber((int)state)?.Name ?? state.ToString();
}
