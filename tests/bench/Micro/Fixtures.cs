using k8s.Models;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Shared.Contracts;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Bench.Micro;

/// <summary>Deterministic inputs shared by the micro-benchmarks and the smoke run.</summary>
public static class Fixtures
{
    public const string Role = "*";

    public static readonly FrameworkID FrameworkId = new() { Value = "bench-framework-0000" };

    /// <summary>A fixed "now" for explanations (offer ages), so every run words them the same.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static Offer Offer(int i) => new()
    {
        Id = new OfferID { Value = $"offer-{i:D6}" },
        FrameworkId = FrameworkId,
        AgentId = new AgentID { Value = $"agent-{i:D5}" },
        Hostname = $"agent-{i:D5}.bench.local",
        AllocationInfo = new Resource.Types.AllocationInfo { Role = Role },
        Resources =
        {
            Scalar("cpus", 4),
            Scalar("mem", 8192),
            Scalar("disk", 102400),
            new Resource
            {
                Name = "ports",
                Type = Value.Types.Type.Ranges,
                Ranges = new Value.Types.Ranges { Range = { new Value.Types.Range { Begin = 31000, End = 32000 } } },
                AllocationInfo = new Resource.Types.AllocationInfo { Role = Role },
            },
        },
        Attributes = { new Mesos.V1.Attribute { Name = "zone", Type = Value.Types.Type.Text, Text = new Value.Types.Text { Value = $"zone-{i % 3}" } } },
    };

    public static Event OffersEvent(int count)
    {
        var offers = new Event.Types.Offers();
        for (var i = 0; i < count; i++)
        {
            offers.Offers_.Add(Offer(i));
        }

        return new Event { Type = Event.Types.Type.Offers, Offers = offers };
    }

    public static V1Pod Pod(int i, string? owner = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"web-{i:D5}",
            NamespaceProperty = "default",
            Uid = $"uid-{i:D5}",
            Labels = new Dictionary<string, string> { ["app"] = $"app-{i % 50}", ["tier"] = i % 2 == 0 ? "web" : "cache", ["env"] = i % 10 == 0 ? "prod" : "dev" },
            OwnerReferences = owner is null ? null : [new V1OwnerReference { ApiVersion = "v1", Kind = "ReplicationController", Name = "rc", Uid = owner, Controller = true }],
        },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "main",
                    Image = "nginx:1.27",
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("64Mi") },
                    },
                },
            ],
        },
    };

    /// <summary>An ACCEPT of one offer with <paramref name="operations"/> LAUNCH_GROUP operations, as the scheduler builds it.</summary>
    public static Call Accept(int operations)
    {
        var offer = Offer(0);
        var options = new SchedulerOptions();
        var accept = new Call.Types.Accept { OfferIds = { offer.Id }, Filters = new Filters { RefuseSeconds = 0 } };
        for (var i = 0; i < operations; i++)
        {
            accept.Operations.Add(LaunchGroupBuilder.Build(Pod(i), offer, FrameworkId, options));
        }

        return new Call { FrameworkId = FrameworkId, Type = Call.Types.Type.Accept, Accept = accept };
    }

    /// <summary>
    /// <paramref name="count"/> agents as a placement pass sees them: each with some pods already (so the scorers have
    /// something to tell apart), the last ones the only ones with room for a big pod.
    /// </summary>
    public static List<AgentCandidate> Candidates(int count)
    {
        var list = new List<AgentCandidate>(count);
        for (var i = 0; i < count; i++)
        {
            var used = new ResourceDemand(0.2 * (i % 15), 64 * (i % 15), 10 * (i % 15));
            var capacity = new ResourceDemand(4, 8192, 102400);
            var free = new ResourceDemand(capacity.Cpus - used.Cpus, capacity.MemMb - used.MemMb, capacity.DiskMb - used.DiskMb);
            var attributes = new Dictionary<string, string> { ["zone"] = $"zone-{i % 3}" };
            list.Add(new AgentCandidate(
                $"agent-{i:D5}", $"agent-{i:D5}.bench.local", NodeLabels.For($"agent-{i:D5}.bench.local", attributes),
                free, new PortRanges([(31000, 32000)]), capacity, used,
                new Dictionary<string, int> { ["owner-a"] = i % 4 }));
        }

        return list;
    }

    public static PodRequirements Requirements(PlacementStrategy strategy)
    {
        var pod = Pod(1, owner: "owner-a");
        pod.Metadata.Annotations = new Dictionary<string, string> { [PodRequirements.StrategyAnnotation] = strategy.ToString() };
        pod.Spec.NodeSelector = new Dictionary<string, string> { [NodeLabels.Zone] = "zone-2" };
        pod.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 8080, HostPort = 0 }];
        return PodRequirements.From(pod, new SchedulerOptions());
    }

    public static List<IReadOnlyDictionary<string, string>> PodLabels(int count)
    {
        var list = new List<IReadOnlyDictionary<string, string>>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(new Dictionary<string, string>(Pod(i).Metadata.Labels));
        }

        return list;
    }

    private static Resource Scalar(string name, double value) => new()
    {
        Name = name,
        Type = Value.Types.Type.Scalar,
        Scalar = new Value.Types.Scalar { Value = value },
        AllocationInfo = new Resource.Types.AllocationInfo { Role = Role },
    };
}
