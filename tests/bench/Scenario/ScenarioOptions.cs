using System.Globalization;

namespace KubeMesos.Bench.Scenario;

/// <summary>Command-line options of <c>scenario</c>; every one has a default that reproduces docs/benchmarks.md.</summary>
public sealed record ScenarioOptions
{
    public int Agents { get; init; } = 1000;
    public int Pods { get; init; } = 10_000;
    public int ChurnSeconds { get; init; } = 60;
    public int ChurnRate { get; init; } = 20;
    public int CreateConcurrency { get; init; } = 16;

    /// <summary>
    /// Pods created, run and deleted before the measured burst (0: none), so that the burst runs on a warm process:
    /// without it a fifth of the burst's CPU is the JIT compiling the paths the burst takes. Rounds of a third as many
    /// follow until a round compiles next to nothing (ScenarioRunner.WarmUpAsync).
    /// </summary>
    public int WarmupPods { get; init; }

    /// <summary>The embedded master's STAGING → STARTING → RUNNING step (its default is 300 ms).</summary>
    public TimeSpan TaskStepDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Allocation batch period (Mesos' default 1 s).</summary>
    public TimeSpan AllocationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>sqlite</c> (the default store) or <c>memory</c>.</summary>
    public string Store { get; init; } = "sqlite";

    /// <summary>Pods created through <c>http</c> (the Kubernetes API) or <c>service</c> (IPodService in process).</summary>
    public string Api { get; init; } = "http";

    public bool Baseline { get; init; } = true;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(4);

    public static ScenarioOptions Parse(string[] args)
    {
        var o = new ScenarioOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--agents" => o with { Agents = Int() },
                "--pods" => o with { Pods = Int() },
                "--churn-seconds" => o with { ChurnSeconds = Int() },
                "--churn-rate" => o with { ChurnRate = Int() },
                "--create-concurrency" => o with { CreateConcurrency = Int() },
                "--warmup-pods" => o with { WarmupPods = Int() },
                "--task-step-ms" => o with { TaskStepDelay = TimeSpan.FromMilliseconds(Int()) },
                "--allocation-ms" => o with { AllocationInterval = TimeSpan.FromMilliseconds(Int()) },
                "--store" => o with { Store = Next() },
                "--api" => o with { Api = Next() },
                "--no-baseline" => o with { Baseline = false },
                "--timeout-seconds" => o with { Timeout = TimeSpan.FromSeconds(Int()) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }
}
