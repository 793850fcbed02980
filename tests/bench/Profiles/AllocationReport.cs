using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace KubeMesos.Bench.Profiles;

/// <summary>
/// <c>allocations &lt;trace.nettrace&gt; [--top N] [--frames N]</c>: where a burst's bytes are allocated, from the
/// runtime's allocation samples (one about every 100 KB, with its stack) in an EventPipe trace:
/// <c>dotnet-trace collect -p PID --providers Microsoft-Windows-DotNETRuntime:0x1:5 --duration 00:00:00:07</c>.
/// Three views: by type; by the innermost frame of ours on the stack (which of our calls allocated, the framework code
/// under it included); by type and the stack's first frames.
/// </summary>
public static class AllocationReport
{
    private const string OurNamespace = "KubeMesos.";

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: allocations <trace.nettrace> [--top N] [--frames N]");
            return 2;
        }

        var top = Option(args, "--top", 40);
        var frames = Option(args, "--frames", 6);
        var byType = new Dictionary<string, long>();
        var byOurs = new Dictionary<string, long>();
        var byStack = new Dictionary<string, long>();
        long total = 0;
        using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
        foreach (var traced in log.Events)
        {
            if (traced is not GCAllocationTickTraceData sample)
            {
                continue;
            }

            var bytes = sample.AllocationAmount64;
            var type = sample.TypeName ?? "?";
            var stack = Frames(sample.CallStack()).ToList();
            total += bytes;
            Add(byType, type, bytes);
            Add(byOurs, stack.FirstOrDefault(f => f.StartsWith(OurNamespace, StringComparison.Ordinal)) ?? "(none of ours)", bytes);
            Add(byStack, type + "\n      " + string.Join("\n      ", stack.Take(frames)), bytes);
        }

        Console.WriteLine($"sampled {total / 1e6:F0} MB");
        Print("by type", byType, total, top);
        Print("by the innermost frame of ours", byOurs, total, top);
        Print("by type and stack", byStack, total, top);
        return 0;
    }

    private static IEnumerable<string> Frames(TraceCallStack? stack)
    {
        for (; stack is not null; stack = stack.Caller)
        {
            var name = stack.CodeAddress.FullMethodName;
            yield return string.IsNullOrEmpty(name) ? stack.CodeAddress.ModuleName + "!?" : Shorten(name);
        }
    }

    // Signatures spell out every parameter type; the method is enough to find it.
    private static string Shorten(string method)
    {
        var parameters = method.IndexOf('(', StringComparison.Ordinal);
        return parameters > 0 ? method[..parameters] : method;
    }

    private static void Add(Dictionary<string, long> totals, string key, long bytes) =>
        totals[key] = totals.GetValueOrDefault(key) + bytes;

    private static void Print(string title, Dictionary<string, long> totals, long total, int top)
    {
        Console.WriteLine($"\n## {title}");
        foreach (var (key, bytes) in totals.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"{(double)bytes / Math.Max(1, total),6:P1}  {key}");
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
