using Microsoft.Extensions.Hosting;

namespace KubeMesos.Framework.Leadership;

/// <summary>The embedded store has one replica: it leads from its start to its stop, no election.</summary>
public sealed class SingleReplicaLeadership(LeadershipState state, LeaderGate gate, TimeProvider timeProvider) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        state.Set(state.Current.Self, timeProvider.GetUtcNow());
        await gate.LeadAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => gate.StopAsync();
}
