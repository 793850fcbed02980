using System.Text.Json;
using System.Text.Json.Nodes;
using KubeMesos.Framework.Mesos.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeMesos.Tests.Unit.Faults;

/// <summary>The embedded master's checkpoint in the data folder: recovered onto the same configuration only.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-checkpoint-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _data.Delete(recursive: true);

    private async Task<IReadOnlyList<EmbeddedAgentInfo>> RunAsync(int agentCount, params (string Key, string Value)[] extra)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = _data.FullName,
            ["Mesos:Embedded:Port"] = "0",
            ["Mesos:Embedded:AgentCount"] = agentCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Configuration.AddInMemoryCollection(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));
        builder.Services.AddLogging();
        builder.Services.AddEmbeddedMesosMaster(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync(Ct);
        var agents = host.Services.GetRequiredService<EmbeddedMesosMaster>().GetAgents();
        await host.StopAsync(Ct);
        return agents;
    }

    [Fact]
    public async Task Restart_SameConfiguration_RecoversTheSameAgents()
    {
        var first = await RunAsync(2);
        var second = await RunAsync(2);

        Assert.Equal(first.Select(a => a.AgentId), second.Select(a => a.AgentId));
        Assert.True(File.Exists(Path.Combine(_data.FullName, "mesos-master", "checkpoint.json")));
    }

    [Fact]
    public async Task Restart_CheckpointRecordsADigestOfTheConfiguration_AndAnEarlierFileWithTheWholeTextStillRecovers()
    {
        var first = await RunAsync(2);
        var path = Path.Combine(_data.FullName, "mesos-master", "checkpoint.json");
        var checkpoint = JsonNode.Parse(await File.ReadAllTextAsync(path, Ct))!.AsObject();
        Assert.StartsWith("sha256:", checkpoint["configured"]!.GetValue<string>(), StringComparison.Ordinal);

        // As an earlier version wrote it: the configured agents' JSON itself (here the generated ones, as recorded).
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var definitions = checkpoint["agents"]!.AsArray().Select(a => a!["definition"].Deserialize<EmbeddedAgentDefinition>(web)!).ToList();
        checkpoint["configured"] = JsonSerializer.Serialize(definitions, web);
        await File.WriteAllTextAsync(path, checkpoint.ToJsonString(), Ct);
        var second = await RunAsync(2);

        Assert.Equal(first.Select(a => a.AgentId), second.Select(a => a.AgentId));
    }

    [Fact]
    public async Task Restart_OtherAgentsConfigured_StartsFresh()
    {
        var first = await RunAsync(2);
        var second = await RunAsync(3);

        Assert.Equal(3, second.Count);
        Assert.Empty(second.Select(a => a.AgentId).Intersect(first.Select(a => a.AgentId)));
    }

    [Fact]
    public async Task Restart_CheckpointOff_NothingWrittenNothingRecovered()
    {
        var first = await RunAsync(2, ("Mesos:Embedded:CheckpointPath", ""));
        var second = await RunAsync(2, ("Mesos:Embedded:CheckpointPath", ""));

        Assert.Empty(second.Select(a => a.AgentId).Intersect(first.Select(a => a.AgentId)));
        Assert.False(Directory.Exists(Path.Combine(_data.FullName, "mesos-master")));
    }
}
