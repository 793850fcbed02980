using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KubeMesos.Tests.Unit.Framework.Store;

/// <summary>
/// A real etcd (Debian's etcd-server, /usr/bin/etcd) on free loopback ports with a temporary data dir, for one
/// test class. Missing etcd is a failure, not a skip: tests/run-all.sh installs it.
/// </summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    private const string Executable = "/usr/bin/etcd";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("kubemesos-etcd-").FullName;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _log = [];
    private Process? _process;

    public string ClientUrl { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install etcd with `apt-get install -y etcd-server` (tests/run-all.sh does).");
        }

        var clientPort = FreePort();
        var peerPort = FreePort();
        ClientUrl = $"http://127.0.0.1:{clientPort}";
        var peerUrl = $"http://127.0.0.1:{peerPort}";
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--name", "test", "--data-dir", _dataDir,
            "--listen-client-urls", ClientUrl, "--advertise-client-urls", ClientUrl,
            "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
            "--initial-cluster", $"test={peerUrl}", "--initial-cluster-state", "new",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException("etcd exited before it was ready:\n" + Log()));
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        try
        {
            await _ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException("etcd did not report ready within 30 s:\n" + Log());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }

        if (line.Contains("ready to serve client requests", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private string Log()
    {
        lock (_log)
        {
            return string.Join('\n', _log.TakeLast(40));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
