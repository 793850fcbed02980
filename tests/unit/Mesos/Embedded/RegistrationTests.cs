using KubeMesos.Framework.Mesos;
using KubeMesos.Framework.Mesos.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

public sealed class RegistrationTests
{
    private static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // No checkpoint: without Store:Path it would sit in the shared ./data of the test output, where another test's
        // master (with other agents) may have left one, or write one while this test reads.
        builder.Configuration.AddInMemoryCollection(
            new[] { new KeyValuePair<string, string?>("Mesos:Embedded:CheckpointPath", "") }
                .Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))));
        builder.Services.AddLogging();
        builder.Services.AddEmbeddedMesosMaster(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task AddEmbeddedMesosMaster_PortZero_LocatorReturnsListeningUrl()
    {
        using var host = Build(("Mesos:Embedded:Port", "0"), ("Mesos:Embedded:AgentCount", "3"));
        await host.StartAsync(TestContext.Current.CancellationToken);

        var uri = await host.Services.GetRequiredService<IMesosMasterLocator>().GetMasterUriAsync(TestContext.Current.CancellationToken);
        var master = host.Services.GetRequiredService<EmbeddedMesosMaster>();

        Assert.Equal(master.BaseUri, uri);
        Assert.Equal("127.0.0.1", uri.Host);
        Assert.NotEqual(0, uri.Port);
        Assert.Equal(3, master.GetAgents().Count);
        Assert.Equal(["agent-0", "agent-1", "agent-2"], master.GetAgents().Select(a => a.Hostname));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void AddEmbeddedMesosMaster_WithExplicitMaster_DoesNotRegisterLocator()
    {
        using var host = Build(("Mesos:Master", "http://mesos.example:5050"));

        Assert.Null(host.Services.GetService<IMesosMasterLocator>());
    }

    [Fact]
    public async Task AddEmbeddedMesosMaster_ConfiguredAgents_ReplaceGeneratedOnes()
    {
        using var host = Build(
            ("Mesos:Embedded:Port", "0"),
            ("Mesos:Embedded:Agents:0:Hostname", "big"),
            ("Mesos:Embedded:Agents:0:Cpus", "64"),
            ("Mesos:Embedded:Agents:0:Attributes:gpu", "none"));
        await host.StartAsync(TestContext.Current.CancellationToken);

        var agent = Assert.Single(host.Services.GetRequiredService<EmbeddedMesosMaster>().GetAgents());

        Assert.Equal("big", agent.Hostname);
        Assert.Equal(64, agent.Total.Cpus);
        Assert.Equal(1001, agent.Total.Ports);
        Assert.Equal("none", agent.Attributes["gpu"]);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AddEmbeddedMesosMaster_InvalidOptions_FailAtStart()
    {
        using var host = Build(("Mesos:Embedded:Port", "70000"), ("Mesos:Embedded:HeartbeatInterval", "00:00:00"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var validation = Assert.IsType<OptionsValidationException>(error is AggregateException a ? a.InnerException : error, exactMatch: false);
        Assert.Contains(validation.Failures, f => f.Contains("Port", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, f => f.Contains("HeartbeatInterval", StringComparison.Ordinal));
    }
}
