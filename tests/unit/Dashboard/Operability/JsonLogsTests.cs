using System.Text.Json;
using k8s;
using KubeMesos.Tests.Unit.Support;
using KubeMesos.Tests.Unit.Faults;
using static KubeMesos.Tests.Unit.Faults.FaultKit;

namespace KubeMesos.Tests.Unit.Dashboard.Operability;

/// <summary>
/// The built app as a process, its console read line by line: with <c>Logging:Console:FormatterName=json</c> every line
/// is a JSON object, a placement's line carries the scheduler's scopes (offer, agent, pod) as key/value pairs, and the
/// Mesos client's per-request HttpClient lines stay out at the default levels, while the category still logs them
/// when asked (so the silence is the setting's doing, not a renamed category).
/// </summary>
public sealed class JsonLogsTests : IAsyncLifetime
{
    private const string JsonConsole = "--Logging:Console:FormatterName=json";
    private const string MesosHttpClientCategory = "System.Net.Http.HttpClient.mesos";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-logs-");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _data.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task JsonConsole_SchedulingRun_EveryLineJson_PlacementHasScopes_NoHttpClientInformation()
    {
        // Debug for the scheduler only: its "Placed pod" line is the one inside the offer and pod scopes.
        await using var app = AppProcess.App(_data.FullName, JsonConsole, "--Logging:LogLevel:KubeMesos.Framework.Scheduling.PodScheduler=Debug");
        await app.StartAsync(Ct);
        using var client = Client(app);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("json-log"), "default", cancellationToken: Ct);

        var placed = await app.WaitForOutputAsync("Placed pod default/json-log", 1, FaultKit.Timeout, Ct);
        await WaitForPodsAsync(client, pods => pods.Any(p => p.Metadata.Name == "json-log" && IsRunning(p)), "json-log running", app);

        var lines = app.OutputLines("");
        Assert.NotEmpty(lines);
        var entries = lines.Select(line => ParseEntry(line, app)).ToList();
        Assert.Contains(entries, e => e.GetProperty("Category").GetString() == "Microsoft.Hosting.Lifetime");
        Assert.All(entries, e => Assert.True(e.TryGetProperty("Timestamp", out _), "an entry without a timestamp"));

        using var placement = JsonDocument.Parse(placed[0]);
        var scopes = placement.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("Offer", out var offer) && offer.GetString()!.Length > 0
                                     && s.TryGetProperty("Agent", out var agent) && agent.GetString()!.Length > 0);
        Assert.Contains(scopes, s => s.TryGetProperty("Pod", out var pod) && pod.GetString() == "default/json-log");
        Assert.Equal("default/json-log", placement.RootElement.GetProperty("State").GetProperty("Pod").GetString());

        // The run called the master (SUBSCRIBE, ACCEPT, ACKNOWLEDGE, ...), none of it logged per request.
        Assert.DoesNotContain(entries, e => e.GetProperty("Category").GetString()!.StartsWith(MesosHttpClientCategory, StringComparison.Ordinal)
                                            && e.GetProperty("LogLevel").GetString() == "Information");
    }

    [Fact]
    public async Task MesosHttpClientCategory_SetToInformation_LogsEveryRequest()
    {
        await using var app = AppProcess.App(_data.FullName, JsonConsole, $"--Logging:LogLevel:{MesosHttpClientCategory}=Information");
        await app.StartAsync(Ct);

        var lines = await app.WaitForOutputAsync($"\"Category\":\"{MesosHttpClientCategory}.", 2, FaultKit.Timeout, Ct);

        Assert.All(lines, line => Assert.Equal("Information", ParseEntry(line, app).GetProperty("LogLevel").GetString()));
    }

    private static JsonElement ParseEntry(string line, AppProcess app)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var entry = json.RootElement.Clone();
            Assert.Equal(JsonValueKind.Object, entry.ValueKind);
            Assert.True(entry.TryGetProperty("Category", out _) && entry.TryGetProperty("LogLevel", out _) && entry.TryGetProperty("Message", out _),
                $"not a log entry: {line}");
            return entry;
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"not JSON ({ex.Message}): {line}\n{app.RecentOutput}");
        }
    }
}
