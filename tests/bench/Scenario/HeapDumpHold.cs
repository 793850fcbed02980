namespace KubeMesos.Bench.Scenario;

/// <summary>
/// <c>KM_BENCH_HOLD=1</c>: the bench stops at its measuring points so that <c>dotnet-dump collect -p &lt;pid&gt; --type Heap</c>
/// can take the state it measures; <c>touch /tmp/km-bench-go</c> goes on (the file is removed, so the next point holds too).
/// </summary>
internal static class HeapDumpHold
{
    private const string GoFile = "/tmp/km-bench-go";

    public static async Task AtAsync(string point, CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("KM_BENCH_HOLD") is not "1")
        {
            return;
        }

        Console.Error.WriteLine($"holding at {point} for a heap dump: pid {Environment.ProcessId}; touch {GoFile} to go on");
        while (!File.Exists(GoFile))
        {
            await Task.Delay(200, ct).ConfigureAwait(false);
        }

        File.Delete(GoFile);
    }
}
