using k8s.Models;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Framework.Scheduling;

/// <summary>
/// 50 agents and 500 pods of mixed sizes, host ports and node selectors, over real HTTP with the embedded master:
/// every pod that can fit runs, every one that cannot waits with the right explanation, no agent is over-committed
/// and no host port is given twice.
/// </summary>
public sealed class ScaleMixIntegrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static V1Pod Pod(string name, string cpu, string mem, Action<V1Pod>? shape = null)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container
                {
                    Name = "main", Image = "nginx:1.25",
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(mem) } },
                }],
            },
        };
        shape?.Invoke(pod);
        return pod;
    }

    [Fact]
    public async Task FiftyAgents_FiveHundredMixedPods_PlacedCorrectlyOrExplained()
    {
        await using var host = await FrameworkHost.StartAsync(new Dictionary<string, string?> { ["Mesos:Embedded:AgentCount"] = "50" });
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "the framework to subscribe");
        var ct = TestContext.Current.CancellationToken;
        var pods = new List<V1Pod>();

        // First come, first served: constrained pods first, so the bulk cannot crowd them out.
        for (var i = 0; i < 40; i++)
        {
            pods.Add(Pod($"rack1-{i}", "250m", "128Mi", p => p.Spec.NodeSelector = new Dictionary<string, string> { ["k8s.mesosphere.io/attribute-rack"] = "r1" }));
        }

        for (var i = 0; i < 60; i++)
        {
            pods.Add(Pod($"fixed-{i}", "250m", "128Mi", p => p.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 80, HostPort = 31080 }]));
        }

        for (var i = 0; i < 20; i++)
        {
            pods.Add(Pod($"wild-{i}", "250m", "128Mi", p => p.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 80 }, new V1ContainerPort { ContainerPort = 443 }]));
        }

        for (var i = 0; i < 10; i++)
        {
            pods.Add(Pod($"rack9-{i}", "250m", "128Mi", p => p.Spec.NodeSelector = new Dictionary<string, string> { ["k8s.mesosphere.io/attribute-rack"] = "r9" }));
        }

        for (var i = 0; i < 5; i++)
        {
            pods.Add(Pod($"huge-{i}", "100", "1Gi"));
        }

        string[] cpus = ["250m", "500m", "1"];
        string[] mems = ["128Mi", "256Mi", "512Mi"];
        for (var i = 0; pods.Count < 500; i++)
        {
            pods.Add(Pod($"bulk-{i}", cpus[i % 3], mems[i % 3]));
        }

        foreach (var pod in pods)
        {
            await host.Pods.CreateAsync(pod, ct);
        }

        static bool Settled(PodView p) => p.Name.StartsWith("rack9-", StringComparison.Ordinal)
            ? p.Message?.Contains("node selector mismatch", StringComparison.Ordinal) == true
            : p.Name.StartsWith("huge-", StringComparison.Ordinal)
                ? p.Message?.Contains("cpus asked, the largest agent has", StringComparison.Ordinal) == true
                : p.Name.StartsWith("fixed-", StringComparison.Ordinal)
                    ? p.Phase == PodPhases.Running || p.Message?.StartsWith("0/50 agents fit now: ", StringComparison.Ordinal) == true
                    : p.Phase == PodPhases.Running;
        // A fixed-port pod may be explained before every agent has been offered again; it is settled only once no
        // agent with 31080 free has room for it (else it is about to be placed).
        var master = host.Services.GetRequiredService<EmbeddedMesosMaster>();
        bool FixedPodsCannotFit(KubeMesos.Shared.Contracts.ClusterSnapshot s)
        {
            var fixedPods = s.Pods.Values.Where(p => p.Name.StartsWith("fixed-", StringComparison.Ordinal)).ToList();
            if (fixedPods.All(p => p.Phase == PodPhases.Running))
            {
                return true;
            }

            var portTaken = fixedPods.Where(p => p.AgentId is not null).Select(p => p.AgentId!).ToHashSet();
            return master.GetAgents().Where(a => !portTaken.Contains(a.AgentId))
                .All(a => a.Total.Cpus - a.Used.Cpus < 0.35 - 0.001 || a.Total.MemMb - a.Used.MemMb < 160);
        }

        var snapshot = await FeedWaiter.WaitForAsync(host.Feed,
            s => s.Pods.Count == 500 && s.Pods.Values.All(Settled) && FixedPodsCannotFit(s),
            Timeout, "500 pods to run or wait with their explanation");

        // What cannot fit waits, explained per agent as Kubernetes does.
        foreach (var pod in snapshot.Pods.Values.Where(p => p.Phase != PodPhases.Running))
        {
            Assert.Equal(PodPhases.Pending, pod.Phase);
            Assert.Null(pod.NodeName);
            Assert.Matches("^0/50 agents (fit now|can ever fit): ", pod.Message);
        }

        Assert.All(snapshot.Pods.Values.Where(p => p.Phase == PodPhases.Pending),
            p => Assert.True(p.Name.StartsWith("rack9-", StringComparison.Ordinal) || p.Name.StartsWith("huge-", StringComparison.Ordinal)
                             || p.Name.StartsWith("fixed-", StringComparison.Ordinal), $"{p.Name} could fit but waits: {p.Message}"));
        Assert.All(snapshot.Pods.Values.Where(p => p.Name.StartsWith("rack1-", StringComparison.Ordinal)),
            p => Assert.Equal("r1", snapshot.Agents[p.AgentId!].Attributes["rack"]));

        // The master's own books: no agent gives more than it has.
        Assert.All(master.GetAgents(), a => Assert.True(
            a.Used.Cpus <= a.Total.Cpus + 0.001 && a.Used.MemMb <= a.Total.MemMb + 0.001 && a.Used.Ports <= a.Total.Ports, $"{a.Hostname} over-committed"));

        // No host port handed out twice on one agent, and every container port got one.
        var assigned = new HashSet<(string Agent, string Port)>();
        foreach (var view in snapshot.Pods.Values.Where(p => p.Phase == PodPhases.Running))
        {
            var stored = (await host.Pods.GetAsync("default", view.Name, TestContext.Current.CancellationToken))!;
            var ports = stored.Metadata.Annotations?.Where(a => a.Key.StartsWith("k8s.mesosphere.io/port_", StringComparison.Ordinal)).ToList() ?? [];
            Assert.Equal(stored.Spec.Containers.Sum(c => c.Ports?.Count ?? 0), ports.Count);
            foreach (var port in ports)
            {
                Assert.True(assigned.Add((view.AgentId!, port.Value)), $"port {port.Value} given twice on {view.NodeName}");
            }
        }

        // A fixed-port pod that waits really cannot fit: every agent either has 31080 taken or lacks room for it.
        var portTaken = assigned.Where(a => a.Port == "31080").Select(a => a.Agent).ToHashSet();
        if (snapshot.Pods.Values.Any(p => p.Name.StartsWith("fixed-", StringComparison.Ordinal) && p.Phase == PodPhases.Pending))
        {
            Assert.All(master.GetAgents().Where(a => !portTaken.Contains(a.AgentId)), a => Assert.True(
                a.Total.Cpus - a.Used.Cpus < 0.35 - 0.001 || a.Total.MemMb - a.Used.MemMb < 160,
                $"{a.Hostname} has port 31080 and room, yet a fixed-port pod waits"));
        }
    }
}
