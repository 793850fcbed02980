using System.Collections.Concurrent;
using System.Diagnostics;
using KubeMesos.Tests.Unit.Mesos.Embedded;
using KubeMesos.Tests.Unit.Support;
using Mesos.V1;
using MasterCall = Mesos.V1.Master.Call;

namespace KubeMesos.Tests.Unit.ThirdParty;

/// <summary>
/// A real third-party Mesos library against the embedded master: the npm package <c>mesos-framework</c> (JSON over
/// HTTP, its own RecordIO reader that expects one record per chunk, numbers where Mesos writes numbers). Its scheduler
/// (ThirdParty/mesos-framework/scheduler.js) runs under <c>node</c> as a child process; the master must see its task run.
/// </summary>
public sealed class MesosFrameworkClientTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task MesosFrameworkNpm_SubscribesTakesAnOfferAndItsTaskRuns()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = await NpmPackages.InstallAsync(Path.Combine(AppContext.BaseDirectory, "ThirdParty", "mesos-framework"), ct);
        await using var test = await TestMaster.StartAsync();
        var logs = Directory.CreateTempSubdirectory("mesos-framework-logs");
        var output = new ConcurrentQueue<string>();
        var start = new ProcessStartInfo("node", "scheduler.js")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["MASTER_HOST"] = test.Http.BaseAddress!.Host,
                ["MASTER_PORT"] = test.Http.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["FRAMEWORK_NAME"] = "mesos-framework-js",
                ["LOG_DIR"] = logs.FullName,
            },
        };
        using var node = Process.Start(start)!;
        node.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        node.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        try
        {
            var task = await WaitForRunningTaskAsync(test, node, output, ct);

            var framework = test.Master.OperatorResponse(MasterCall.Types.Type.GetFrameworks)!.GetFrameworks.Frameworks
                .Single(f => f.FrameworkInfo.Id.Value == task.FrameworkId.Value);
            Assert.Equal("mesos-framework-js", framework.FrameworkInfo.Name);
            Assert.StartsWith("mesos-framework-js.sleeper-1.", task.TaskId.Value, StringComparison.Ordinal);

            // The library read the offer's port range as numbers: it asked for the agent's first port.
            Assert.Equal(31000UL, task.Resources.Single(r => r.Name == "ports").Ranges.Range[0].Begin);
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync(CancellationToken.None);
            logs.Delete(recursive: true);
        }
    }

    private static async Task<global::Mesos.V1.Operator.Task> WaitForRunningTaskAsync(
        TestMaster test, Process node, ConcurrentQueue<string> output, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(s_timeout);
        while (true)
        {
            var tasks = test.Master.OperatorResponse(MasterCall.Types.Type.GetTasks)!.GetTasks.Tasks;
            if (tasks.FirstOrDefault(t => t.State == TaskState.TaskRunning) is { } running)
            {
                return running;
            }

            if (node.HasExited || timeout.IsCancellationRequested)
            {
                Assert.Fail($"No task of the mesos-framework scheduler reached TASK_RUNNING on the master (node {(node.HasExited ? $"exited {node.ExitCode}" : "still running")}):\n{string.Join('\n', output.TakeLast(40))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }
    }
}
