using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Framework.Scheduling.Pipeline;

internal static class PipelineTestData
{
    public static AgentCandidate Agent(
        string name, double cpus = 4, double mem = 8192, double disk = 1000,
        (ulong, ulong)[]? ports = null, Dictionary<string, string>? attributes = null,
        double usedCpus = 0, double usedMem = 0, Dictionary<string, int>? ownerPods = null)
    {
        var free = new ResourceDemand(cpus, mem, disk);
        var used = new ResourceDemand(usedCpus, usedMem, 0);
        return new AgentCandidate(
            $"S-{name}", name, NodeLabels.For(name, attributes ?? []), free,
            new PortRanges(ports ?? [(31000, 32000)]), free + used, used, ownerPods);
    }

    public static PodRequirements Pod(
        double cpus = 0.5, double mem = 128, HostPortRequest[]? ports = null, Dictionary<string, string>? nodeSelector = null,
        PlacementStrategy strategy = PlacementStrategy.FirstFit, string? owner = null, string name = "p") =>
        new($"default/{name}", new ResourceDemand(cpus, mem, 0), new ResourceDemand(cpus, mem, 0), ports ?? [],
            [.. nodeSelector ?? []], strategy, owner);
}
