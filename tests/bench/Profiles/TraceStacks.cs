using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace KubeMesos.Bench.Profiles;

/// <summary>What the trace reports share: a sample's stack as method names, innermost first, and tallies printed as shares.</summary>
internal static class TraceStacks
{
    public const string OurNamespace = "KubeMesos.";

    public static List<string> Frames(TraceCallStack? stack)
    {
        var frames = new List<string>();
        for (; stack is not null; stack = stack.Caller)
        {
            var name = stack.CodeAddress.FullMethodName;
            frames.Add(string.IsNullOrEmpty(name) ? stack.CodeAddress.ModuleName + "!?" : Shorten(name));
        }

        return frames;
    }

    /// <summary>The innermost frame of ours: which of our calls it was, the framework code under it included.</summary>
    public static string OursOf(List<string> frames) =>
        frames.FirstOrDefault(f => f.StartsWith(OurNamespace, StringComparison.Ordinal)) ?? "(none of ours)";

    // Signatures spell out every parameter type; the method is enough to find it.
    private static string Shorten(string method)
    {
        var parameters = method.IndexOf('(', StringComparison.Ordinal);
        return parameters > 0 ? method[..parameters] : method;
    }

    public static void Add(Dictionary<string, long> totals, string key, long amount) =>
        totals[key] = totals.GetValueOrDefault(key) + amount;

    public static void Print(string title, Dictionary<string, long> totals, long total, int top)
    {
        Console.WriteLine($"\n## {title}");
        foreach (var (key, amount) in totals.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"{(double)amount / Math.Max(1, total),6:P1}  {key}");
        }
    }

    public static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
