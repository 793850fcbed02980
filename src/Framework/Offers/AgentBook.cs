using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Offers;

/// <summary>
/// Each agent as the framework learns it from what the master tells every framework: its offers, and the pods we
/// launched there. The total is the largest (ours in use + offered) ever seen, the ports the union of every range
/// ever offered: nothing comes from the embedded master's internals, so it reads the same against a real master.
/// An agent leaves when the master says it is gone. Owned by the scheduler loop: not thread-safe.
/// </summary>
public sealed class AgentBook
{
    private readonly Dictionary<string, Entry> _agents = new(StringComparer.Ordinal);

    public int Count => _agents.Count;

    public IEnumerable<Entry> All => _agents.Values;

    public Entry? Find(string agentId) => _agents.GetValueOrDefault(agentId);

    public void OfferReceived(HeldOffer offer, IReadOnlyDictionary<string, string> nodeLabels)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var entry = GetOrAdd(offer.AgentId, offer.Offer.Hostname);
        entry.Hostname = offer.Offer.Hostname;
        entry.NodeLabels = nodeLabels;
        entry.Offered += offer.Total;
        entry.OfferCount++;
        entry.LastOfferAt = offer.ReceivedAt;
        entry.UnofferedSince = null;
        entry.KnownPorts.AddFrom(offer.Offer);

        entry.Observe();
    }

    /// <summary>An offer left the book (used, declined, rescinded, withdrawn).</summary>
    public void OfferGone(HeldOffer offer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (_agents.TryGetValue(offer.AgentId, out var entry))
        {
            entry.Offered -= offer.Total;
            entry.OfferCount = Math.Max(0, entry.OfferCount - 1);
            if (entry.OfferCount == 0)
            {
                entry.Offered = default;
                entry.UnofferedSince = now;
            }
        }
    }

    /// <summary>A pod of ours runs (or is launched) on the agent; a second report for the same pod is ignored.</summary>
    public void Launched(string agentId, string hostname, string podKey, ResourceDemand charged, IEnumerable<ulong>? hostPorts = null)
    {
        var entry = GetOrAdd(agentId, hostname);
        if (entry.Pods.TryAdd(podKey, new PodCharge(charged, [.. hostPorts ?? []])))
        {
            entry.Used += charged;
            entry.Observe();
        }
    }

    /// <summary>A pod of ours ended on the agent: its resources (and ports) are the agent's again.</summary>
    public void Finished(string agentId, string podKey)
    {
        if (_agents.TryGetValue(agentId, out var entry) && entry.Pods.Remove(podKey, out var charge))
        {
            entry.Used -= charge.Resources;
        }
    }

    /// <summary>The agent was removed or lost: it can take nothing any more.</summary>
    public bool Remove(string agentId) => _agents.Remove(agentId);

    private Entry GetOrAdd(string agentId, string hostname)
    {
        if (!_agents.TryGetValue(agentId, out var entry))
        {
            entry = new Entry(agentId, hostname);
            _agents[agentId] = entry;
        }

        return entry;
    }

    public sealed record PodCharge(ResourceDemand Resources, IReadOnlyList<ulong> HostPorts);

    /// <summary>One known agent.</summary>
    public sealed class Entry(string agentId, string hostname)
    {
        public string AgentId { get; } = agentId;

        public string Hostname { get; internal set; } = hostname;

        public IReadOnlyDictionary<string, string> NodeLabels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>Largest (used + offered) seen: a framework never sees the agent's total directly.</summary>
        public ResourceDemand Total { get; private set; }

        /// <summary>What our pods hold there.</summary>
        public ResourceDemand Used { get; internal set; }

        /// <summary>What its outstanding offers hold.</summary>
        public ResourceDemand Offered { get; internal set; }

        public int OfferCount { get; internal set; }

        public DateTimeOffset? LastOfferAt { get; internal set; }

        /// <summary>When its last outstanding offer left; null while it has offers or never had one.</summary>
        public DateTimeOffset? UnofferedSince { get; internal set; }

        /// <summary>Every port range the agent ever offered.</summary>
        public PortRanges KnownPorts { get; } = new();

        public Dictionary<string, PodCharge> Pods { get; } = new(StringComparer.Ordinal);

        /// <summary>What would be free were everything not ours offered: total minus our pods.</summary>
        public ResourceDemand Unused => Total - Used;

        /// <summary>Whether one of our pods holds the host port.</summary>
        public bool PortHeld(ulong port) => Pods.Values.Any(p => p.HostPorts.Contains(port));

        /// <summary>The ports it ever offered, less those our pods hold: what it could offer once its offers come back.</summary>
        public PortRanges PortsIfOffered()
        {
            var ports = KnownPorts.Clone();
            foreach (var pod in Pods.Values)
            {
                foreach (var port in pod.HostPorts)
                {
                    ports.TryTake(port);
                }
            }

            return ports;
        }

        internal void Observe()
        {
            var seen = Used + Offered;
            Total = new ResourceDemand(Math.Max(Total.Cpus, seen.Cpus), Math.Max(Total.MemMb, seen.MemMb), Math.Max(Total.DiskMb, seen.DiskMb));
        }
    }
}
