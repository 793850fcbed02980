using KubeMesos.Framework.Events;
using KubeMesos.Framework.Memory;
using KubeMesos.Framework.Offers;
using KubeMesos.Shared.Contracts;
using Mesos.V1;
using Mesos.V1.Scheduler;
using TaskStatus = Mesos.V1.TaskStatus;

namespace KubeMesos.Framework.Scheduling;

/// <summary>Offers, agents and housekeeping.</summary>
public sealed partial class PodScheduler
{
    private void AddOffer(Offer offer)
    {
        // Its resources end up in the tasks launched on it, which are kept: their strings shared with every other offer's.
        ProtoStrings.Share(offer, StringTable.Shared);
        var held = _offers.Add(offer, _time.GetUtcNow());
        _counters.OfferReceived();
        var attributes = OfferResources.Attributes(offer);
        if (!_agents.TryGetValue(held.AgentId, out var agent))
        {
            agent = new AgentState(held.AgentId, offer.Hostname, attributes);
            _agents[held.AgentId] = agent;
        }

        agent.Describe(offer.Hostname, attributes);
        _agentBook.OfferReceived(held, agent.Labels);
        agent.Offered += held.Total;
        agent.PortsOffered += held.PortCount;
        agent.ObserveCapacity();
        _feed.Publish([
            new OfferReceived(new OfferView(held.Id, held.AgentId, offer.Hostname, held.Total.Cpus, held.Total.MemMb, held.Total.DiskMb,
                OfferResources.Ports(offer), held.ReceivedAt)),
            new AgentUpdated(agent.ToView()),
        ]);
    }

    private HeldOffer? RemoveOffer(string offerId, OfferRemovalReason reason)
    {
        if (_offers.Remove(offerId) is not { } held)
        {
            return null;
        }

        _agentBook.OfferGone(held, _time.GetUtcNow());
        if (reason == OfferRemovalReason.Declined)
        {
            _counters.OfferDeclined();
        }
        else if (reason == OfferRemovalReason.Rescinded)
        {
            _counters.OfferRescinded();
        }

        if (_agents.TryGetValue(held.AgentId, out var agent))
        {
            agent.Offered -= held.Total;
            agent.PortsOffered -= held.PortCount;
        }

        _feed.Publish(new OfferRemoved(offerId, reason));
        return held;
    }

    private void WithdrawOffers()
    {
        foreach (var offer in _offers.All.ToList())
        {
            RemoveOffer(offer.Id, OfferRemovalReason.Withdrawn);
        }
    }

    /// <summary>Declines offers held too long, drops pods whose kill grace ran out, suppresses when idle; true when waiting pods' backoff expired.</summary>
    private async Task<bool> HousekeepAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var expired = _offers.HeldLongerThan(_options.OfferHoldTime, now);
        if (expired.Count > 0 && _connected)
        {
            var decline = new Call.Types.Decline { Filters = new Filters { RefuseSeconds = _options.RefuseSeconds } };
            foreach (var offer in expired)
            {
                decline.OfferIds.Add(offer.Offer.Id.Clone());
                RemoveOffer(offer.Id, OfferRemovalReason.Declined);
            }

            await TrySendAsync(new Call { Type = Call.Types.Type.Decline, Decline = decline }, ct).ConfigureAwait(false);
        }

        foreach (var tasks in _launched.Values.Where(t => t.DeletionRequestedAt is { } at && now - at >= _options.KillGracePeriod).ToList())
        {
            await ForgetAsync(tasks, ct).ConfigureAwait(false);
        }

        await SuppressWhenIdleAsync(now, ct).ConfigureAwait(false);
        var released = ReleaseStaleUnconfirmed(now);
        return released || (_queue.NextWake is { } wake && wake <= now);
    }

    /// <summary>Event.FAILURE without an executor: the agent is gone, and so are its offers and our pods on it.</summary>
    private async Task OnAgentLostAsync(string agentId, CancellationToken ct)
    {
        using var scope = SchedulerLogScopes.Agent(_logger, agentId);
        foreach (var offer in _offers.OfAgent(agentId).ToList())
        {
            RemoveOffer(offer.Id, OfferRemovalReason.Rescinded);
        }

        foreach (var tasks in _launched.Values.Where(t => t.AgentId == agentId).ToList())
        {
            foreach (var taskId in tasks.States.Keys.ToList())
            {
                if (!TaskStates.IsTerminal(tasks.States[taskId]))
                {
                    tasks.States[taskId] = TaskState.TaskLost;
                }
            }

            Record(tasks.PodKey, KubernetesEventRecorder.Warning, "NodeLost", $"Agent {agentId} was lost; its pod {tasks.PodKey} failed");
            await ApplyTaskStatesAsync(tasks, new TaskStatus
            {
                TaskId = new TaskID { Value = tasks.States.Keys.First() },
                State = TaskState.TaskLost,
                Reason = TaskStatus.Types.Reason.AgentRemoved,
                Message = $"agent {agentId} was lost",
            }, ct, failureReason: "NodeLost").ConfigureAwait(false);
        }

        _agentBook.Remove(agentId);
        if (_agents.Remove(agentId))
        {
            _feed.Publish(new AgentRemoved(agentId));
        }
    }
}
