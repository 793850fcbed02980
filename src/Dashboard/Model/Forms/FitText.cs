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
    /// One pod: "Fits now on agent-2", "Would fit once resources free up: …", "Never fits: …". Replicas: "6 of 8 replicas
    /// fit now; 2 never: …".
    /// </summary>
    public static string Describe(FitResult result, int replicas, bool isTemplate)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reason = result.Reasons.OrderByDescending(r => r.Value).Select(r => r.Key).FirstOrDefault();
        if (!isTemplate)
        {
            return Verdict(result) switch
            {
                FitVerdict.FitsNow => $"Fits now on {string.Join(", ", result.Agents.Keys.Order(StringComparer.Ordinal))}",
                FitVerdict.FitsLater => "Would fit once resources free up: an agent has room in total, but running pods hold it or it is not offered now",
                _ => "Never fits" + (reason is null ? "" : ": " + reason),
            };
        }

        var parts = new List<string> { $"{result.FitNow} of {replicas} {(replicas == 1 ? "replica fits" : "replicas fit")} now" };
        if (result.FitLater > 0)
        {
            parts.Add($"{result.FitLater} once resources free up");
        }

        if (result.Never > 0)
        {
            parts.Add($"{result.Never} never" + (reason is null ? "" : ": " + reason));
        }

        return string.Join("; ", parts);
    }
}
