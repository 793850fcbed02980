using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Tests.Unit.Support;
using KubeMesos.Tests.Unit.Faults;
using static KubeMesos.Tests.Unit.Faults.FaultKit;

namespace KubeMesos.Tests.Unit.Dashboard.Operability;

/// <summary>
/// The <c>healthcheck</c> verb the Docker image's HEALTHCHECK runs: it finds the app's port as the container sets it
/// (<c>ASPNETCORE_HTTP_PORTS</c>), exits 0 when <c>/healthz</c> answers and 1 when nothing listens; run as the built
/// dll, as Docker runs it.
/// </summary>
public sealed class HealthProbeCommandTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-probe-");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _data.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080/healthz")]
    [InlineData(null, "8081", "http://127.0.0.1:8081/healthz")]
    [InlineData(null, "9000;9001", "http://127.0.0.1:9000/healthz")]
    [InlineData("https://+:8443;http://+:5000", "8080", "http://127.0.0.1:5000/healthz")]
    [InlineData("http://[::]:7000", null, "http://127.0.0.1:7000/healthz")]
    [InlineData("http://*", null, "http://127.0.0.1:80/healthz")]
    public void ProbeUrl_FromEnvironment_LoopbackOnTheAppsPort(string? urls, string? ports, string expected)
    {
        var environment = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = urls, ["ASPNETCORE_HTTP_PORTS"] = ports };

        Assert.Equal(new Uri(expected), HealthProbeCommand.ProbeUrl([], name => environment.GetValueOrDefault(name)));
    }

    [Fact]
    public void ProbeUrl_UrlArgument_Wins()
    {
        Assert.Equal(new Uri("http://10.0.0.5:1234/healthz"), HealthProbeCommand.ProbeUrl(["--url=http://10.0.0.5:1234/healthz"], _ => "8080"));
        Assert.Equal(new Uri("http://10.0.0.5:1234/healthz"), HealthProbeCommand.ProbeUrl(["--url", "http://10.0.0.5:1234/healthz"], _ => "8080"));
    }

    [Fact]
    public async Task HealthcheckVerb_AppRunning_ExitsZero_NothingListening_ExitsOne()
    {
        await using var app = AppProcess.App(_data.FullName);
        await app.StartAsync(Ct);

        var (healthy, output) = await RunProbeAsync(app.Url.Port);
        Assert.True(healthy == 0, $"exit {healthy}: {output}");
        Assert.Contains("/healthz: 200", output);

        var (unhealthy, refused) = await RunProbeAsync(FreePort());
        Assert.True(unhealthy == 1, $"exit {unhealthy}: {refused}");
    }

    /// <summary><c>dotnet KubeMesos.Dashboard.dll healthcheck</c> with the container's port variable, as the HEALTHCHECK runs it.</summary>
    private static async Task<(int ExitCode, string Output)> RunProbeAsync(int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AppProcess.DllPath)!,
        };
        start.ArgumentList.Add(AppProcess.DllPath);
        start.ArgumentList.Add(HealthProbeCommand.Verb);
        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("ASPNETCORE_URLS");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(FaultKit.Timeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
