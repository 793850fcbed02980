using KubeMesos.Framework.Offers;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Shared.Contracts;
using Mesos.V1;

namespace KubeMesos.Tests.Unit.Framework.Scheduling.Insight;

/// <summary>An offer book and an agent book fed the way the scheduler loop feeds them, from Mesos offers.</summary>
internal sealed class InsightCluster
{
    private int _offers;

    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public OfferBook Offers { get; } = new();

    public AgentBook Agents { get; } = new();

    public HeldOffer Offer(string agent, double cpus, double mem = 4096, (ulong, ulong)[]? ports = null, Dictionary<string, string>? labels = null, DateTimeOffset? at = null)
    {
        var offer = new Offer
        {
            Id = new OfferID { Value = $"O{++_offers}" },
            AgentId = new AgentID { Value = $"S-{agent}" },
            FrameworkId = new FrameworkID { Value = "fw" },
            Hostname = agent,
            Resources =
            {
                Scalar("cpus", cpus), Scalar("mem", mem), Scalar("disk", 10_000),
                new Resource
                {
                    Name = "ports", Type = Value.Types.Type.Ranges,
                    Ranges = new Value.Types.Ranges { Range = { (ports ?? [(31000, 32000)]).Select(p => new Value.Types.Range { Begin = p.Item1, End = p.Item2 }) } },
                },
            },
        };
        var held = Offers.Add(offer, at ?? T0);
        Agents.OfferReceived(held, NodeLabels.For(agent, labels ?? []));
        return held;
    }

    /// <summary>Uses the agent's offers for a running pod (as an ACCEPT would): they leave, the pod holds its share.</summary>
    public void Run(string agent, string pod, double cpus, double mem = 128, ulong[]? hostPorts = null, DateTimeOffset? at = null)
    {
        foreach (var held in Offers.OfAgent($"S-{agent}").ToList())
        {
            Offers.Remove(held.Id);
            Agents.OfferGone(held, at ?? T0);
        }

        Agents.Launched($"S-{agent}", agent, pod, new ResourceDemand(cpus, mem, 0), hostPorts);
    }

    public void Withdraw(string agent, DateTimeOffset? at = null)
    {
        foreach (var held in Offers.OfAgent($"S-{agent}").ToList())
        {
            Offers.Remove(held.Id);
            Agents.OfferGone(held, at ?? T0);
        }
    }

    /// <summary>The candidates a placement pass builds: one per agent with offers, their offers merged.</summary>
    public List<AgentCandidate> Candidates()
    {
        var candidates = new List<AgentCandidate>();
        foreach (var offers in Offers.ByAgent())
        {
            var entry = Agents.Find(offers[0].AgentId)!;
            var free = default(ResourceDemand);
            var ports = new PortRanges();
            foreach (var offer in offers)
            {
                free += offer.Total;
                foreach (var (begin, end) in PortRanges.FromOffer(offer.Offer).Ranges)
                {
                    ports.Add(begin, end);
                }
            }

            candidates.Add(new AgentCandidate(entry.AgentId, entry.Hostname, entry.NodeLabels, free, ports, entry.Total, entry.Used));
        }

        return candidates;
    }

    private static Resource Scalar(string name, double value) =>
        new() { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = value } };
}
