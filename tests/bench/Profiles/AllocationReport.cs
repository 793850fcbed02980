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
    public static int Run(string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: allocations <trace.nettrace> [--top N] [--frames N]");
            return 2;
        }

        var top = TraceStacks.Option(args, "--top", 40);
        var frames = TraceStacks.Option(args, "--frames", 6);
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
            var stack = TraceStacks.Frames(sample.CallStack());
            total += bytes;
            TraceStacks.Add(byType, type, bytes);
            TraceStacks.Add(byOurs, TraceStacks.OursOf(stack), bytes);
            TraceStacks.Add(byStack, type + "\n      " + string.Join("\n      ", stack.Take(frames)), bytes);
        }

        Console.WriteLine($"sampled {total / 1e6:F0} MB");
        TraceStacks.Print("by type", byType, total, top);
        TraceStacks.Print("by the innermost frame of ours", byOurs, total, top);
        TraceStacks.Print("by type and stack", byStack, total, top);
        return 0;
    }
}
