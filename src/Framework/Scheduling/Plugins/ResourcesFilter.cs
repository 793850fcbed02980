using System.Globalization;
using System.Text;
using KubeMesos.Framework.Scheduling.Pipeline;

namespace KubeMesos.Framework.Scheduling.Plugins;

/// <summary>cpus, mem and disk of the pod and its executor against what the agent's offers still hold.</summary>
public sealed class ResourcesFilter : IPlacementFilter
{
    private const string PluginName = "Resources";
    private static readonly PlacementStatus _fits = PlacementStatus.Yes(PluginName);
    private static readonly PlacementStatus _noCpus = PlacementStatus.No(PluginName, PlacementReasons.InsufficientCpus);
    private static readonly PlacementStatus _noMem = PlacementStatus.No(PluginName, PlacementReasons.InsufficientMem);
    private static readonly PlacementStatus _noDisk = PlacementStatus.No(PluginName, PlacementReasons.InsufficientDisk);

    public string Name => PluginName;

    public PlacementStatus Filter(PodRequirements pod, AgentCandidate agent)
    {
        if (!agent.Free.HasCpusFor(pod.WithExecutor))
        {
            return _noCpus;
        }

        if (!agent.Free.HasMemFor(pod.WithExecutor))
        {
            return _noMem;
        }

        return agent.Free.HasDiskFor(pod.WithExecutor) ? _fits : _noDisk;
    }

    /// <summary>The pod's cpus, mem and disk with the executor's share: exactly what <see cref="Filter"/> compares.</summary>
    public void Sign(PodRequirements pod, StringBuilder signature)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(signature);
        signature.Append(CultureInfo.InvariantCulture, $"{pod.WithExecutor.Cpus:R}|{pod.WithExecutor.MemMb:R}|{pod.WithExecutor.DiskMb:R}");
    }
}
