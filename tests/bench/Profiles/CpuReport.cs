using Microsoft.Diagnostics.Tracing.Etlx;

namespace KubeMesos.Bench.Profiles;

/// <summary>
/// <c>cpu &lt;trace.nettrace&gt; [--top N] [--frames N]</c>: where a burst's managed CPU goes, from the runtime's sample profiler (every
/// thread's stack each millisecond) in an EventPipe trace: <c>dotnet-trace collect -p PID --profile cpu-sampling
/// --duration 00:00:00:07</c>. Only samples of threads running managed code count: a thread in native code is mostly
/// waiting (a blocked thread pool worker, a socket read), and the profiler cannot tell that from native work (GC, JIT),
/// which the scenario's own figures report. A thread stopped for a garbage collection is sampled where it waits
/// (<c>Thread.PollGC</c>): those samples are the pauses, counted apart. Four views: by leaf method (exclusive), by method
/// anywhere on the stack (inclusive), by the innermost frame of ours, and by the stack's first frames (who took a
/// contended lock, say).
/// </summary>
public static class CpuReport
{
    private const string SampleProfiler = "Microsoft-DotNETCore-SampleProfiler";

    // ClrThreadSampleType: 0 error, 1 external (native code), 2 managed.
    private const int Managed = 2;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: cpu <trace.nettrace> [--top N] [--frames N]");
            return 2;
        }

        var top = TraceStacks.Option(args, "--top", 40);
        var frames = TraceStacks.Option(args, "--frames", 8);
        var exclusive = new Dictionary<string, long>();
        var inclusive = new Dictionary<string, long>();
        var byOurs = new Dictionary<string, long>();
        var byStack = new Dictionary<string, long>();
        long samples = 0;
        long external = 0;
        long gcWaits = 0;
        using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
        foreach (var traced in log.Events)
        {
            if (traced.ProviderName != SampleProfiler)
            {
                continue;
            }

            if (traced.PayloadByName("Type") is not { } type || Convert.ToInt32(type, System.Globalization.CultureInfo.InvariantCulture) != Managed)
            {
                external++;
                continue;
            }

            var stack = TraceStacks.Frames(traced.CallStack());
            if (stack.Count == 0)
            {
                continue;
            }

            if (stack[0].Contains("PollGC", StringComparison.Ordinal))
            {
                gcWaits++;
                continue;
            }

            samples++;
            TraceStacks.Add(byStack, string.Join("\n      ", stack.Take(frames)), 1);
            TraceStacks.Add(exclusive, stack[0], 1);
            TraceStacks.Add(byOurs, TraceStacks.OursOf(stack), 1);
            foreach (var method in stack.Distinct())
            {
                TraceStacks.Add(inclusive, method, 1);
            }
        }

        Console.WriteLine($"{samples} samples of threads running managed code (not counted: {gcWaits} stopped for a GC, {external} in native code or waiting)");
        TraceStacks.Print("by leaf method (exclusive)", exclusive, samples, top);
        TraceStacks.Print("by method anywhere on the stack (inclusive)", inclusive, samples, top);
        TraceStacks.Print("by the innermost frame of ours", byOurs, samples, top);
        TraceStacks.Print("by stack", byStack, samples, top);
        return 0;
    }
}
