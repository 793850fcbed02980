using KubeMesos.Framework.Scheduling.Insight;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>How a dry run's answer reads: all fit now, some only once resources free up, some never.</summary>
public enum FitVerdict
{
    FitsNow,
    FitsLater,
    Never,
}

/// <summary>The "will it fit?" line of the pod and replication controller forms, from a <see cref="FitResult"/>.</summary>
public static class FitText
{
    public static FitVerdict Verdict(FitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Never > 0 ? FitVerdict.Never : result.FitLater > 0 ? FitVerdict.FitsLater : FitVerdict.FitsNow;
    }

    /// <summary>
    /// One pod: "Fits now on agent-2", "Fits: …next offer…", "Never fits: …". Replicas: "3 of 3 replicas fit now", "3 of 3
    /// replicas fit: 1 on the offers held now, 2 when the agents next offer", "6 of 8 replicas fit; 2 never: …". "Later"
    /// is room the agents have but do not offer right now (the framework holds no offers while nothing waits).
    /// </summary>
    public static string Describe(FitResult result, int replicas, bool isTemplate)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reason = result.Reasons.OrderByDescending(r => r.Value).Select(r => r.Key).FirstOrDefault();
        var never = "never" + (reason is null ? "" : ": " + reason);
        if (!isTemplate)
        {
            return Verdict(result) switch
            {
                FitVerdict.FitsNow => $"Fits now on {string.Join(", ", result.Agents.Keys.Order(StringComparer.Ordinal))}",
                FitVerdict.FitsLater => "Fits: the agents have room; it is placed when they next offer it",
                _ => "Never fits" + (reason is null ? "" : ": " + reason),
            };
        }

        var fit = result.FitNow + result.FitLater;
        var head = $"{fit} of {replicas} {(replicas == 1 ? "replica fits" : "replicas fit")}";
        return Verdict(result) switch
        {
            FitVerdict.FitsNow => head + " now",
            FitVerdict.FitsLater => $"{head}: {result.FitNow} on the offers held now, {result.FitLater} when the agents next offer",
            _ => $"{head}; {result.Never} {never}",
        };
    }
}
