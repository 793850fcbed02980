namespace KubeMesos.Framework.Leadership;

/// <summary>Who leads, as this replica knows it: <see cref="Leader"/> is null while no replica leads (an election is on).</summary>
/// <param name="Since">When <see cref="Leader"/> became leader (its own clock, as it wrote it into the election).</param>
public sealed record LeaderView(string? Leader, string Self, DateTimeOffset? Since)
{
    public bool IsLeader => Leader is not null && string.Equals(Leader, Self, StringComparison.Ordinal);
}
