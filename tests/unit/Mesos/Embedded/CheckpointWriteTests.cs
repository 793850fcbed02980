using KubeMesos.Framework.Mesos.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

/// <summary>The checkpoint is written when the cluster changed, not at every tick (it was the whole cluster, 4×/s).</summary>
public sealed class CheckpointWriteTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("kubemesos-checkpoint-write-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task QuietCluster_NotRewritten_AChange_WrittenAtTheNextTick()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestMaster.StartAsync(o =>
        {
            o.AgentCount = 1;
            o.CheckpointPath = _folder.FullName;
            o.CheckpointInterval = TimeSpan.FromSeconds(1);
        }, time);
        var file = Path.Combine(_folder.FullName, "checkpoint.json");
        Assert.True(File.Exists(file)); // written once at start

        File.Delete(file);
        time.Advance(TimeSpan.FromSeconds(5)); // five ticks (the fake clock runs their callbacks here)
        Assert.False(File.Exists(file));

        test.Master.AddAgent(new EmbeddedAgentDefinition { Hostname = "added-agent", Cpus = 1, Mem = 512, Disk = 1024 });
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(File.Exists(file));
        Assert.Contains("added-agent", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
