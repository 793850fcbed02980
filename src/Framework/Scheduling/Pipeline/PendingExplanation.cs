namespace KubeMesos.Framework.Scheduling.Pipeline;

/// <summary>Builds the "why is this pod pending" text from the filters' reasons, one reason counted per agent.</summary>
public static class PendingExplanation
{
    public const string NoOffer = PlacementReasons.NoOffer;

    public static string Build(int totalAgents, IReadOnlyDictionary<string, int> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        if (totalAgents == 0)
        {
            return "0/0 agents fit: no agent has offered resources yet";
        }

        var parts = reasons
            .Where(r => r.Value > 0)
            .OrderByDescending(r => r.Value)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => $"{r.Value} {r.Key}");
        return $"0/{totalAgents} agents fit: {string.Join(", ", parts)}";
    }
}
