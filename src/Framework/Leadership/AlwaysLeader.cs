namespace KubeMesos.Framework.Leadership;

/// <summary>The single-replica shape: the only replica always leads. The default <see cref="ILeadershipState"/>.</summary>
public sealed class AlwaysLeader : ILeadershipState
{
    public bool IsLeader => true;
}
