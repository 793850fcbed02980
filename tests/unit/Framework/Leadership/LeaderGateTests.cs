using KubeMesos.Framework.Leadership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeMesos.Tests.Unit.Framework.Leadership;

public sealed class LeaderGateTests
{
    /// <summary>A service that, once told to stop, takes until the test lets it finish.</summary>
    private sealed class SlowToStop(string name, List<string> started) : BackgroundService
    {
        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<CancellationToken> Running { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task StartAsync(CancellationToken cancellationToken)
        {
            lock (started)
            {
                started.Add(name);
            }

            return base.StartAsync(cancellationToken);
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            Running.SetResult(stoppingToken);
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                await Finish.Task;
            }
        }
    }

    private static async Task<CancellationToken[]> RunningAsync(IEnumerable<SlowToStop> services) =>
        await Task.WhenAll(services.Select(s => s.Running.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)));

    private static (LeaderGate Gate, SlowToStop[] Leading, SlowToStop Following, List<string> Started) Build()
    {
        var started = new List<string>();
        var leading = new[] { new SlowToStop("controllers", started), new SlowToStop("scheduler", started), new SlowToStop("mesos", started) };
        var following = new SlowToStop("mirror", started);
        var services = new ServiceCollection();
        foreach (var service in leading)
        {
            services.AddSingleton(new LeaderOnlyService(_ => service));
        }

        services.AddSingleton(new FollowerOnlyService(_ => following));
        var provider = services.BuildServiceProvider();
        return (new LeaderGate(provider, NullLogger<LeaderGate>.Instance), leading, following, started);
    }

    [Fact]
    public async Task LeadAsync_StopsFollowerServices_StartsLeaderServicesInOrder()
    {
        var (gate, leading, following, started) = Build();
        await gate.FollowAsync(TestContext.Current.CancellationToken);
        Assert.False(gate.Leading);
        var followerToken = (await RunningAsync([following]))[0];

        following.Finish.SetResult();
        await gate.LeadAsync(TestContext.Current.CancellationToken);

        Assert.True(gate.Leading);
        Assert.True(followerToken.IsCancellationRequested);
        Assert.Equal(["mirror", "controllers", "scheduler", "mesos"], started);
        Assert.All(await RunningAsync(leading), token => Assert.False(token.IsCancellationRequested));
    }

    [Fact]
    public async Task StopLeadingAsync_SignalsEveryServiceBeforeAnyHasFinished()
    {
        var (gate, leading, _, _) = Build();
        await gate.LeadAsync(TestContext.Current.CancellationToken);
        var tokens = await RunningAsync(leading);

        var stopping = gate.StopLeadingAsync();

        // Told to stop, all of them, at the call; none has finished stopping yet.
        Assert.All(tokens, token => Assert.True(token.IsCancellationRequested));
        Assert.False(stopping.IsCompleted);
        Assert.False(gate.Leading);
        foreach (var service in leading)
        {
            service.Finish.SetResult();
        }

        await stopping.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
