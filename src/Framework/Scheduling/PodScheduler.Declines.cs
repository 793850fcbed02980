using KubeMesos.Shared.Contracts;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// Good citizenship among frameworks: offers that no waiting pod can use go back at once with a refusal filter rather
/// than being held for <see cref="SchedulerOptions.OfferHoldTime"/>, so other frameworks on the cluster get them.
/// A later pod revives, which clears the filters (Mesos REVIVE).
/// </summary>
public sealed partial class PodScheduler
{
    private bool _refusing;

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

        _refusing |= await TrySendAsync(new Call { Type = Call.Types.Type.Decline, Decline = decline }, ct).ConfigureAwait(false);
    }

    /// <summary>A new pod waits: take back suppression and any refusal filters we set, so every agent is offered again.</summary>
    private async Task ReviveForNewPodAsync(CancellationToken ct)
    {
        if ((_suppressed || _refusing) && _connected
            && await TrySendAsync(new Call { Type = Call.Types.Type.Revive, Revive = new Call.Types.Revive { Roles = { _role } } }, ct).ConfigureAwait(false))
        {
            _suppressed = false;
            _refusing = false;
        }
    }
}
