using KubeMesos.Shared.Contracts;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// Good citizenship among frameworks, per Mesos role: offers that no waiting pod can use go back at once with a refusal
/// filter rather than being held for <see cref="SchedulerOptions.OfferHoldTime"/>, so other frameworks get them; the
/// roles no waiting pod can use are suppressed (all of them when nothing waits) once no new pod came for
/// <see cref="SchedulerOptions.SuppressIdleTime"/>, and a new pod revives the roles it can use, which also clears our
/// refusal filters there (Mesos SUPPRESS / REVIVE with <c>roles</c>).
/// </summary>
public sealed partial class PodScheduler
{
    private readonly HashSet<string> _suppressedRoles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refusedRoles = new(StringComparer.Ordinal);
    private DateTimeOffset _lastNewPodAt = DateTimeOffset.MinValue;

    /// <summary>Declines every held offer: called after a pass in which some ready pod fit none of them.</summary>
    private async Task DeclineUnusableAsync(CancellationToken ct)
    {
        var unused = _offers.All.ToList();
        if (unused.Count == 0 || !_connected)
        {
            return;
        }

        var decline = new Call.Types.Decline { Filters = new Filters { RefuseSeconds = _options.UnusableOfferRefuseSeconds } };
        foreach (var offer in unused)
        {
            decline.OfferIds.Add(offer.Offer.Id.Clone());
            RemoveOffer(offer.Id, OfferRemovalReason.Declined);
        }

        if (await TrySendAsync(new Call { Type = Call.Types.Type.Decline, Decline = decline }, ct).ConfigureAwait(false))
        {
            _refusedRoles.UnionWith(unused.Select(o => o.Offer.AllocationInfo?.Role ?? _roles[0]));
        }
    }

    /// <summary>A new pod waits: take back suppression and our refusal filters for the roles it can use.</summary>
    private async Task ReviveForNewPodAsync(string podKey, CancellationToken ct)
    {
        _lastNewPodAt = _time.GetUtcNow();
        if (!_connected || !_pods.TryGetValue(podKey, out var pod))
        {
            return;
        }

        var roles = PodRoles.Usable(pod, _roles).Where(r => _suppressedRoles.Contains(r) || _refusedRoles.Contains(r)).ToList();
        if (roles.Count > 0
            && await TrySendAsync(new Call { Type = Call.Types.Type.Revive, Revive = new Call.Types.Revive { Roles = { roles } } }, ct).ConfigureAwait(false))
        {
            _suppressedRoles.ExceptWith(roles);
            _refusedRoles.ExceptWith(roles);
        }
    }

    /// <summary>After a placement pass: suppresses at once when <see cref="SchedulerOptions.SuppressIdleTime"/> is zero, else leaves it to housekeeping.</summary>
    private Task SuppressAfterPassAsync(CancellationToken ct) =>
        _options.SuppressIdleTime <= TimeSpan.Zero ? SuppressUnwantedRolesAsync(ct) : Task.CompletedTask;

    /// <summary>At housekeeping: suppresses once no new pod came for <see cref="SchedulerOptions.SuppressIdleTime"/>.</summary>
    private Task SuppressWhenIdleAsync(DateTimeOffset now, CancellationToken ct) =>
        _options.SuppressIdleTime > TimeSpan.Zero && !PodsStillComing(now) ? SuppressUnwantedRolesAsync(ct) : Task.CompletedTask;

    /// <summary>Whether a new pod came within <see cref="SchedulerOptions.SuppressIdleTime"/>: a burst is on.</summary>
    private bool PodsStillComing(DateTimeOffset now) => now - _lastNewPodAt < _options.SuppressIdleTime;

    /// <summary>Suppresses offers for the roles no waiting pod can use (every role when nothing waits).</summary>
    private async Task SuppressUnwantedRolesAsync(CancellationToken ct)
    {
        if (!_connected)
        {
            return;
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in _queue.Keys)
        {
            if (wanted.Count == _roles.Count)
            {
                break;
            }

            if (_pods.TryGetValue(key, out var pod))
            {
                wanted.UnionWith(PodRoles.Usable(pod, _roles));
            }
        }

        var idle = _roles.Where(r => !wanted.Contains(r) && !_suppressedRoles.Contains(r)).ToList();
        if (idle.Count > 0
            && await TrySendAsync(new Call { Type = Call.Types.Type.Suppress, Suppress = new Call.Types.Suppress { Roles = { idle } } }, ct).ConfigureAwait(false))
        {
            _suppressedRoles.UnionWith(idle);
        }
    }
}
