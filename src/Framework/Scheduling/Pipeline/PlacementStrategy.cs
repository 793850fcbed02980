namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>How a pod picks among agents that can take it.</summary>
public enum PlacementStrategy
{
    /// <summary>The first agent (in offer order) that fits: the seed's first come, first served.</summary>
    FirstFit,

    /// <summary>Least requested, and fewest pods of the same owner: spreads load and replicas.</summary>
    Spread,

    /// <summary>Most requested: packs pods tightly and leaves whole agents free.</summary>
    BinPack,
}
