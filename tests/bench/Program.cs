using BenchmarkDotNet.Running;
using KubeMesos.Bench.Load;
using KubeMesos.Bench.Micro;
using KubeMesos.Bench.Profiles;
using KubeMesos.Bench.Scenario;
using KubeMesos.Bench.Ui;

namespace KubeMesos.Bench;

/// <summary>
/// <c>--smoke</c>: every micro-benchmark body once. <c>scenario ...</c>: the scale scenario (see <see cref="ScenarioOptions"/>).
/// <c>load ...</c>: pods into an app in another process (see <see cref="LoadCommand"/>).
/// <c>ui ...</c>: the pages in Chromium (see <see cref="UiOptions"/>).
/// <c>allocations trace.nettrace</c>: where a trace's allocation samples come from (see <see cref="AllocationReport"/>).
/// <c>cpu trace.nettrace</c>: where a trace's CPU samples of managed code are (see <see cref="CpuReport"/>).
/// Anything else goes to BenchmarkDotNet's switcher (e.g. <c>--filter '*'</c>).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--smoke"))
        {
            foreach (var line in Smoke.Run())
            {
                Console.WriteLine(line);
            }

            return 0;
        }

        if (args.Length > 0 && args[0] == "scenario")
        {
            return await ScenarioRunner.RunAsync(ScenarioOptions.Parse(args[1..])).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "load")
        {
            return await LoadCommand.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "ui")
        {
            return await UiBenchRunner.RunAsync(UiOptions.Parse(args[1..])).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "allocations")
        {
            return AllocationReport.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "cpu")
        {
            return CpuReport.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
        return 0;
    }
}
