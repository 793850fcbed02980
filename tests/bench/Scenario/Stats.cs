using System.Diagnostics;
using System.Globalization;

namespace KubeMesos.Bench.Scenario;

/// <summary>Percentiles, clocks and the process memory sampler.</summary>
public static class Stats
{
    public static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static string F(double value, string format = "F0") => value.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>Samples this process's working set and managed heap every 100 ms; keeps the peaks.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakWorkingSet;
    private long _peakHeap;

    public MemorySampler() => _loop = Task.Run(LoopAsync);

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public long PeakManagedHeap => Interlocked.Read(ref _peakHeap);

    public static (long WorkingSet, long Heap) Now() => (WorkingSet(), GC.GetTotalMemory(false));

    /// <summary>
    /// The resident set, as <see cref="Process.WorkingSet64"/> has it, read from <c>/proc/self/statm</c> on Linux: a
    /// <see cref="Process"/> reads the stat file of every thread for it, 250 files a second at this sampler's rate, on
    /// the CPU the scenario measures.
    /// </summary>
    private static long WorkingSet()
    {
        if (OperatingSystem.IsLinux())
        {
            var resident = File.ReadAllText("/proc/self/statm").Split(' ')[1];
            return long.Parse(resident, CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _peakWorkingSet, 0);
        Interlocked.Exchange(ref _peakHeap, 0);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                var (ws, heap) = Now();
                if (ws > Interlocked.Read(ref _peakWorkingSet))
                {
                    Interlocked.Exchange(ref _peakWorkingSet, ws);
                }

                if (heap > Interlocked.Read(ref _peakHeap))
                {
                    Interlocked.Exchange(ref _peakHeap, heap);
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
