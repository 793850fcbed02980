using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Leadership;

/// <summary>A hosted service that runs only while this replica leads (the scheduler, the Mesos subscription, the controllers).</summary>
public sealed record LeaderOnlyService(Func<IServiceProvider, IHostedService> Resolve);

/// <summary>A hosted service that runs only while this replica follows (the mirror of the leader's live scheduling views).</summary>
public sealed record FollowerOnlyService(Func<IServiceProvider, IHostedService> Resolve);

/// <summary>
/// Starts and stops the leader-only and follower-only services as leadership comes and goes. Losing leadership first
/// signals every leader-only service to stop, all at once and scheduler first (a <see cref="BackgroundService"/> cancels
/// its token synchronously inside <c>StopAsync</c>), and only then waits for them to finish.
/// </summary>
public sealed partial class LeaderGate(IServiceProvider services, ILogger<LeaderGate> logger)
{
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private IReadOnlyList<IHostedService>? _leading;
    private IReadOnlyList<IHostedService>? _following;

    public bool Leading
    {
        get
        {
            lock (_lock)
            {
                return _leading is not null;
            }
        }
    }

    /// <summary>Starts the follower-only services (before the first election result).</summary>
    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        var following = services.GetServices<FollowerOnlyService>().Select(s => s.Resolve(services)).ToList();
        lock (_lock)
        {
            _following = following;
        }

        foreach (var service in following)
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>This replica leads: the follower-only services stop, then the leader-only ones start in registration order.</summary>
    public async Task LeadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<IHostedService>? following;
        lock (_lock)
        {
            following = _following;
            _following = null;
        }

        if (following is not null)
        {
            await StopAllAsync(following).ConfigureAwait(false);
        }

        var leading = services.GetServices<LeaderOnlyService>().Select(s => s.Resolve(services)).ToList();
        lock (_lock)
        {
            _leading = leading;
        }

        foreach (var service in leading)
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
            bool stopped;
            lock (_lock)
            {
                stopped = !ReferenceEquals(_leading, leading);
            }

            if (stopped)
            {
                // Leadership was lost while starting: what started after the stop began stops too, and nothing more starts.
                await StopOneAsync(service).ConfigureAwait(false);
                return;
            }
        }

        LogLeading(leading.Count);
    }

    /// <summary>
    /// Stops the leader-only services: every one is told to stop before this returns its task, so scheduling has stopped
    /// when the caller's next line runs; the task completes when they have all finished.
    /// </summary>
    public Task StopLeadingAsync()
    {
        IReadOnlyList<IHostedService>? leading;
        lock (_lock)
        {
            leading = _leading;
            _leading = null;
        }

        return leading is null ? Task.CompletedTask : StopAllAsync(leading.Reverse().ToList());
    }

    /// <summary>Stops what runs (leader-only or follower-only), at shutdown.</summary>
    public async Task StopAsync()
    {
        IReadOnlyList<IHostedService>? following;
        lock (_lock)
        {
            following = _following;
            _following = null;
        }

        await StopLeadingAsync().ConfigureAwait(false);
        if (following is not null)
        {
            await StopAllAsync(following).ConfigureAwait(false);
        }
    }

    private Task StopAllAsync(IReadOnlyList<IHostedService> running)
    {
        // Each StopAsync signals its service before its first await: calling them all first stops them all at once.
        var stopping = running.Select(s => StopOneAsync(s)).ToList();
        return Task.WhenAll(stopping);
    }

    private async Task StopOneAsync(IHostedService service)
    {
        // As the host bounds a stop (its shutdown timeout): a service that ignores its token does not hold up the rest.
        using var timeout = new CancellationTokenSource(s_stopTimeout);
        try
        {
            await service.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogStopFailed(ex, service.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leading: started the scheduler, the Mesos subscription and the controllers ({Count} services)")]
    private partial void LogLeading(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} failed while stopping")]
    private partial void LogStopFailed(Exception ex, string service);
}
