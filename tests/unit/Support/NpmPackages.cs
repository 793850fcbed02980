using System.Diagnostics;

namespace KubeMesos.Tests.Unit.Support;

/// <summary>
/// Installs a test's npm dependencies with <c>npm ci</c> from its committed package-lock.json, once per folder and
/// test run (node_modules is never committed; CI and fresh machines reach the npm registry).
/// </summary>
internal static class NpmPackages
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>npm ci</c> in <paramref name="folder"/> unless it already ran there; returns the folder.</summary>
    public static async Task<string> InstallAsync(string folder, CancellationToken ct)
    {
        var marker = Path.Combine(folder, "node_modules", ".package-lock.json");
        await s_gate.WaitAsync(ct);
        try
        {
            if (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json")))
            {
                return folder;
            }

            var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var npm = Process.Start(start)!;
            var stdout = npm.StandardOutput.ReadToEndAsync(ct);
            var stderr = npm.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(s_timeout);
            try
            {
                await npm.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                npm.Kill(entireProcessTree: true);
                throw new TimeoutException($"npm ci in {folder} did not finish within {s_timeout}");
            }

            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {folder} failed ({npm.ExitCode}):\n{await stdout}\n{await stderr}");
            }

            return folder;
        }
        finally
        {
            s_gate.Release();
        }
    }
}
