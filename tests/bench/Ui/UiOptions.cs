using System.Globalization;

namespace KubeMesos.Bench.Ui;

/// <summary>
/// Options of the <c>ui</c> command: <c>--pods (10000) --circuits (20) --hub-clients (80) --agents (0) --churn-rate (20)
/// --churn-seconds (10) --warmup-seconds (10) --runs (3) --screenshots DIR --timeout-seconds (1200) --connections-only</c>.
/// </summary>
public sealed record UiOptions
{
    public int Pods { get; init; } = 10_000;

    /// <summary>
    /// Blazor circuits (Chromium pages on the Pods page) open at once for the memory and update-latency figures. 100
    /// pages saturate 2 shared cores (each re-renders its ages every second), so the default is 20 plus hub clients.
    /// </summary>
    public int Circuits { get; init; } = 20;

    /// <summary>SignalR clients on <c>/hubs/cluster</c> streaming changes at the same time (the other dashboard connection kind).</summary>
    public int HubClients { get; init; } = 80;

    /// <summary>Agents of the embedded master; with none every pod stays Pending (the UI does not care).</summary>
    public int Agents { get; init; }

    public double ChurnRate { get; init; } = 20;

    public int ChurnSeconds { get; init; } = 10;

    /// <summary>Seconds of the same churn before the measured one, with every connection open (the JIT's tier-up).</summary>
    public int WarmupSeconds { get; init; } = 10;

    /// <summary>Fresh-browser-context runs of the first-paint and filter measurements (the median is reported).</summary>
    public int Runs { get; init; } = 3;

    public string? Screenshots { get; init; }

    /// <summary>Only the connections figures (<c>--connections-only</c>): skips first paint, filter and scroll, so a
    /// sweep over page counts and change rates takes minutes, not an hour.</summary>
    public bool ConnectionsOnly { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1200);

    public static UiOptions Parse(string[] args)
    {
        var o = new UiOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--connections-only")
            {
                o = o with { ConnectionsOnly = true };
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--pods" => o with { Pods = Int(value) },
                "--circuits" => o with { Circuits = Int(value) },
                "--hub-clients" => o with { HubClients = Int(value) },
                "--agents" => o with { Agents = Int(value) },
                "--churn-rate" => o with { ChurnRate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--churn-seconds" => o with { ChurnSeconds = Int(value) },
                "--warmup-seconds" => o with { WarmupSeconds = Int(value) },
                "--runs" => o with { Runs = Int(value) },
                "--screenshots" => o with { Screenshots = value },
                "--timeout-seconds" => o with { Timeout = TimeSpan.FromSeconds(Int(value)) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }

        return o;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
