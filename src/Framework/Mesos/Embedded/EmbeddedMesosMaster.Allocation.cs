using Mesos.V1;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Mesos.Embedded;

// Offers, refusal filters and the allocation batch: Mesos' hierarchical allocator with its two levels, roles then
// frameworks. Each agent's available resources go, whole, to the role with the lowest dominant share (DRF: its largest
// fraction of the cluster's cpus, mem or disk, counting what its frameworks use and are offered under it) among the
// roles some framework has unsuppressed and unfiltered for that agent, and within the role to the framework with the
// lowest share of it; ties rotate between batches. An offer is for one role (allocation_info.role).
public sealed partial class EmbeddedMesosMaster
{
    private const double MaxRefuseSeconds = 31_536_000;
    private static readonly string[] s_drfResources = ["cpus", "mem", "disk"];

    /// <summary>Runs one allocation batch now (tests, operator actions); the timer runs one every AllocationInterval.</summary>
    internal void Allocate()
    {
        lock (_lock)
        {
            AllocateLocked();
        }
    }

    private void AllocateLocked()
    {
        var frameworks = _frameworks.Values.Where(f => f.Connected && f.Roles.Count > 0).ToList();
        if (frameworks.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var rotation = (int)((uint)_allocationRotation++ % (uint)frameworks.Count);
        frameworks = [.. frameworks.Skip(rotation), .. frameworks.Take(rotation)];
        // DRF only orders the candidates. With one framework in one role (the usual case) there is nothing to order,
        // and the shares would cost a walk over every live task at each allocation (16 ms at 10,000 tasks).
        Dictionary<(SimFramework Framework, string Role), ResourceBag>? allocated = null;
        var cluster = ResourceBag.Empty;
        if (frameworks.Count > 1 || frameworks[0].Roles.Count > 1)
        {
            cluster = ClusterTotalLocked();
            allocated = [];
            foreach (var framework in frameworks)
            {
                foreach (var role in framework.Roles)
                {
                    allocated[(framework, role)] = AllocatedLocked(framework, role);
                }
            }
        }

        var batches = new Dictionary<SimFramework, List<Offer>>();
        foreach (var agent in _agents.Values)
        {
            var available = agent.Available;
            if (!(available.Scalar("cpus") >= 0.01 || available.Scalar("mem") >= 32))
            {
                continue;
            }

            (SimFramework Framework, string Role)? chosen = null;
            var lowest = (Role: double.MaxValue, Framework: double.MaxValue);
            foreach (var framework in frameworks)
            {
                foreach (var role in framework.Roles)
                {
                    if (framework.SuppressedRoles.Contains(role) || IsFiltered(framework, agent, role, available, now))
                    {
                        continue;
                    }

                    if (allocated is null)
                    {
                        chosen = (framework, role);
                        break;
                    }

                    var share = (Role: DominantShare(RoleAllocated(allocated, role), cluster), Framework: DominantShare(allocated[(framework, role)], cluster));
                    if (share.Role < lowest.Role || (share.Role == lowest.Role && share.Framework < lowest.Framework))
                    {
                        (chosen, lowest) = ((framework, role), share);
                    }
                }
            }

            if (chosen is not { } winner)
            {
                continue;
            }

            if (!batches.TryGetValue(winner.Framework, out var offers))
            {
                batches[winner.Framework] = offers = [];
            }

            offers.Add(CreateOfferLocked(winner.Framework, agent, winner.Role, available));
            if (allocated is not null)
            {
                allocated[winner] = allocated[winner].Add(available);
            }
        }

        foreach (var (framework, offers) in batches)
        {
            framework.Stream?.Send(Events.Offers(offers));
        }
    }

    private ResourceBag ClusterTotalLocked() => ResourceBag.Sum(_agents.Values.Select(a => a.Total));

    /// <summary>What the framework holds under the role: its live tasks there, their executors and its offers for it.</summary>
    private static ResourceBag AllocatedLocked(SimFramework framework, string role)
    {
        var live = framework.Tasks.Values.Where(t => !t.Released && t.Role == role).ToList();
        return ResourceBag.Sum(live.Select(t => t.Resources)
            .Concat(live.Select(t => t.Executor).Distinct().Select(e => e.Resources))
            .Concat(framework.Offers.Where(o => o.Role == role).Select(o => o.Resources)));
    }

    /// <summary>What every framework holds under the role (the role's share is DRF's first level).</summary>
    private static ResourceBag RoleAllocated(Dictionary<(SimFramework Framework, string Role), ResourceBag> allocated, string role) =>
        ResourceBag.Sum(allocated.Where(a => a.Key.Role == role).Select(a => a.Value));

    private static ResourceBag UsedLocked(SimFramework framework)
    {
        var live = framework.Tasks.Values.Where(t => !t.Released).ToList();
        return ResourceBag.Sum(live.Select(t => t.Resources).Concat(live.Select(t => t.Executor).Distinct().Select(e => e.Resources)));
    }

    /// <summary>The framework's largest fraction of the cluster's cpus, mem or disk (0 on an empty cluster).</summary>
    internal static double DominantShare(ResourceBag allocated, ResourceBag cluster) =>
        s_drfResources.Max(r => cluster.Scalar(r) > 0 ? allocated.Scalar(r) / cluster.Scalar(r) : 0);

    private static bool IsFiltered(SimFramework framework, SimAgent agent, string role, ResourceBag candidate, DateTimeOffset now)
    {
        if (!framework.Filters.TryGetValue((agent.Id, role), out var filters))
        {
            return false;
        }

        filters.RemoveAll(f => f.Expires <= now);
        if (filters.Count == 0)
        {
            framework.Filters.Remove((agent.Id, role));
            return false;
        }

        return filters.Any(f => f.Refused.Contains(candidate));
    }

    private Offer CreateOfferLocked(SimFramework framework, SimAgent agent, string role, ResourceBag resources)
    {
        var sim = new SimOffer($"{MasterId}-O{_nextOffer++}", framework, agent, role, resources);
        _offers.Add(sim.Id, sim);
        agent.Offers.Add(sim);
        agent.Offered = agent.Offered.Add(resources);
        framework.Offers.Add(sim);

        var offer = new Offer
        {
            Id = new() { Value = sim.Id },
            FrameworkId = framework.ProtoId,
            AgentId = agent.ProtoId,
            Hostname = agent.Hostname,
            Url = AgentUrl(agent),
        };

        // Without MULTI_ROLE, Mesos strips every allocation_info (MESOS-V1-FACTS §7).
        if (framework.MultiRole)
        {
            offer.AllocationInfo = new() { Role = role };
        }

        offer.Resources.Add(resources.ToProto(framework.MultiRole ? role : null));
        offer.Attributes.Add(agent.Attributes);
        offer.ExecutorIds.Add(agent.Executors.Values.Where(e => e.Framework == framework && e.IsExplicit).Select(e => e.Id));
        return offer;
    }

    /// <summary>Takes the offer back; its resources return to the pool without a filter.</summary>
    private void RemoveOfferLocked(SimOffer offer)
    {
        if (!_offers.Remove(offer.Id))
        {
            return;
        }

        offer.Agent.Offers.Remove(offer);
        offer.Agent.Offered = offer.Agent.Offered.Subtract(offer.Resources);
        offer.Framework.Offers.Remove(offer);
    }

    private void RescindLocked(SimOffer offer)
    {
        RemoveOfferLocked(offer);
        offer.Framework.Stream?.Send(Events.Rescind(offer.Id));
    }

    private void DropOffersLocked(SimFramework framework)
    {
        foreach (var offer in framework.Offers.ToList())
        {
            RemoveOfferLocked(offer);
        }
    }

    /// <summary>
    /// Keeps <paramref name="refused"/> on that agent away from the framework's role: absent filters or a negative
    /// refuse_seconds mean 5 s, 0 means no filter, at most a year, at least one allocation interval (MESOS-V1-FACTS).
    /// </summary>
    private void AddFilterLocked(SimFramework framework, SimAgent agent, string role, ResourceBag refused, Filters? filters)
    {
        var seconds = filters?.RefuseSeconds ?? 5;
        if (double.IsNaN(seconds) || seconds < 0)
        {
            seconds = 5;
        }

        if (seconds == 0 || refused.IsEmpty)
        {
            return;
        }

        var duration = TimeSpan.FromSeconds(Math.Min(seconds, MaxRefuseSeconds));
        if (duration < _options.AllocationInterval)
        {
            duration = _options.AllocationInterval;
        }

        if (!framework.Filters.TryGetValue((agent.Id, role), out var list))
        {
            framework.Filters[(agent.Id, role)] = list = [];
        }

        list.Add(new RefusalFilter(refused, _time.GetUtcNow() + duration));
        _logger.LogDebug("Framework {FrameworkId} refuses {Resources} on {AgentId} for {Duration}", framework.Id, refused, agent.Id, duration);
    }
}
