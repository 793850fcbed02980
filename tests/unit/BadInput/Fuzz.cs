using System.Collections.Concurrent;
using CsCheck;

namespace KubeMesos.Tests.Unit.BadInput;

/// <summary>
/// Runs a property over inputs drawn from a CsCheck generator, reproducibly: case <c>i</c> is generated from the PCG
/// <c>new PCG(i, seed)</c>, so every run of the suite tries the same cases, and a failure names the seed of the case
/// that failed (replay it alone with <c>Check.Sample(gen, assert, seed: "...", iter: 1)</c>). Cases run a few at a
/// time so that HTTP targets are kept busy over a handful of keep-alive connections.
/// </summary>
internal static class Fuzz
{
    private static readonly ConcurrentDictionary<string, int> s_tried = new(StringComparer.Ordinal);

    /// <summary>Cases tried in this process, per target (the report's figure).</summary>
    public static IReadOnlyDictionary<string, int> Tried => s_tried;

    public static async Task RunAsync<T>(
        string target,
        Gen<T> gen,
        Func<T, Task> property,
        int count,
        ulong seed,
        int parallelism = 4,
        Func<T, string>? print = null,
        Func<Task>? afterBatch = null,
        int batch = 200)
    {
        var failures = new ConcurrentQueue<string>();
        for (var start = 0; start < count; start += batch)
        {
            var end = Math.Min(count, start + batch);
            await Parallel.ForAsync(start, end, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = TestContext.Current.CancellationToken }, async (i, token) =>
            {
                if (!failures.IsEmpty)
                {
                    return; // the first failures are the report; no need to wait out the rest of the batch
                }

                var pcg = new PCG((uint)i, seed);
                var caseSeed = pcg.ToString();
                var value = gen.Generate(pcg, null, out _);
                try
                {
                    await property(value);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !TestContext.Current.CancellationToken.IsCancellationRequested)
                {
                    var shown = print is null ? Check.Print(value) : print(value);
                    failures.Enqueue($"{target} case {i} (seed \"{caseSeed}\"): {ex.GetType().Name}: {ex.Message}\n  input: {Truncate(shown, 600)}");
                }
            });

            s_tried.AddOrUpdate(target, end - start, (_, n) => n + end - start);
            if (!failures.IsEmpty)
            {
                break;
            }

            if (afterBatch is not null)
            {
                await afterBatch();
            }
        }

        if (!failures.IsEmpty)
        {
            Assert.Fail($"{failures.Count} of the generated cases failed (first {Math.Min(5, failures.Count)} below; base seed {seed}):\n" + string.Join("\n", failures.Take(5)));
        }

        TestContext.Current.SendDiagnosticMessage($"{target}: {count} generated cases passed (seed {seed})");
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + $"… ({text.Length} chars)";
}
