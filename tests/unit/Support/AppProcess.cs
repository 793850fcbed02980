using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KubeMesos.Tests.Unit.Support;

/// <summary>
/// The built app (<c>KubeMesos.Dashboard.dll</c>) as a child process on fixed free loopback ports, for fault tests that
/// kill it for real: <see cref="KillAsync"/> is SIGKILL (nothing runs on the way out), <see cref="StopAsync"/> is
/// SIGTERM (a graceful stop, like Ctrl+C after <c>dotnet run</c>). <see cref="StartAsync"/> again restarts it on the
/// same ports and arguments. Every child still running when the test process exits is killed, so none is orphaned.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> s_live = new();
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);
    private readonly List<string> _arguments;
    private readonly Func<Uri> _readyProbe;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    static AppProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in s_live.Values)
            {
                TryKill(process);
            }
        };
    }

    private AppProcess(string name, List<string> arguments, Func<Uri> readyProbe)
    {
        Name = name;
        _arguments = arguments;
        _readyProbe = readyProbe;
    }

    public string Name { get; }

    /// <summary>The app's own URL (<c>--urls</c>), or for a master process its read-only views (<c>Master:Urls</c>).</summary>
    public required Uri Url { get; init; }

    /// <summary>The embedded master's port (<c>Mesos:Embedded:Port</c>).</summary>
    public required int MasterPort { get; init; }

    public Uri MasterUrl => new($"http://127.0.0.1:{MasterPort}/");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The last lines the process wrote (stdout and stderr), for a failing test's message.</summary>
    public string RecentOutput => string.Join('\n', _output.TakeLast(60));

    /// <summary>The lines written so far (the newest 400) that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> OutputLines(string text) => _output.Where(l => l.Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>Waits until at least <paramref name="count"/> output lines contain <paramref name="text"/>.</summary>
    public async Task<IReadOnlyList<string>> WaitForOutputAsync(string text, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        while (OutputLines(text) is var lines && lines.Count < count)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cts.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} did not log \"{text}\" {count} times:\n{RecentOutput}");
            }
        }

        return OutputLines(text);
    }

    /// <summary>
    /// The app with <c>--Auth:Mode=Unsecured</c>, its store in <paramref name="dataFolder"/> (SQLite), and by default its
    /// embedded master; <paramref name="extra"/> adds or overrides configuration (<c>--Key=Value</c>).
    /// </summary>
    public static AppProcess App(string dataFolder, params string[] extra)
    {
        var port = FreePort();
        var masterPort = FreePort();
        List<string> arguments =
        [
            $"--urls=http://127.0.0.1:{port}", "--Auth:Mode=Unsecured", $"--Store:Path={dataFolder}",
            $"--Mesos:Embedded:Port={masterPort}", .. extra,
        ];
        var url = new Uri($"http://127.0.0.1:{port}/");
        return new AppProcess("app", arguments, () => new Uri(url, "healthz")) { Url = url, MasterPort = masterPort };
    }

    /// <summary>The embedded master alone (<c>master</c> command), checkpointing in <paramref name="dataFolder"/>.</summary>
    public static AppProcess Master(string dataFolder, params string[] extra)
    {
        var port = FreePort();
        var masterPort = FreePort();
        List<string> arguments =
        [
            "master", $"--Master:Urls=http://127.0.0.1:{port}", $"--Store:Path={dataFolder}", $"--Mesos:Embedded:Port={masterPort}", .. extra,
        ];
        var url = new Uri($"http://127.0.0.1:{port}/");
        return new AppProcess("master", arguments, () => new Uri(url, "api/operator/agents")) { Url = url, MasterPort = masterPort };
    }

    /// <summary>Starts the process (again, after a kill or stop) and waits until it answers its ready probe.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DllPath)!,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.Start();
        s_live[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_startTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} while starting:\n{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(_readyProbe(), timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} did not become ready in {s_startTimeout}:\n{RecentOutput}");
            }

            // A poll of a condition, not a wait for time: the loop ends on the answer, whatever the delay.
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} is not running");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not exit:\n{RecentOutput}");
        }

        s_live.TryRemove(process.Id, out _);
        _process = null;
        return process.ExitCode;
    }

    /// <summary>kill -9: the process ends at once, with whatever it had not written yet.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        TryKill(process);
        await process.WaitForExitAsync(CancellationToken.None);
        s_live.TryRemove(process.Id, out _);
        _process = null;
    }

    /// <summary>SIGTERM and wait for a graceful exit (the host stops its services, as on Ctrl+C).</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited && SysKill(process.Id, 15) != 0)
        {
            TryKill(process);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        s_live.TryRemove(process.Id, out _);
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    /// <summary>The app built in Release next to the solution (<c>src/Dashboard/bin/Release/net10.0</c>), else the copy in
    /// this test's output.</summary>
    public static string DllPath { get; } = FindDll();

    private static string FindDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KubeMesos.Web.sln")))
            {
                var built = Path.Combine(dir.FullName, "src", "Dashboard", "bin", "Release", "net10.0", "KubeMesos.Dashboard.dll");
                if (File.Exists(built))
                {
                    return built;
                }

                break;
            }
        }

        var local = Path.Combine(AppContext.BaseDirectory, "KubeMesos.Dashboard.dll");
        return File.Exists(local) && File.Exists(Path.ChangeExtension(local, ".runtimeconfig.json"))
            ? local
            : throw new FileNotFoundException("Build the solution in Release first: KubeMesos.Dashboard.dll not found", local);
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>A loopback port nobody listens on now (the OS hands out ports in sequence, so a reuse race is unlikely).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
