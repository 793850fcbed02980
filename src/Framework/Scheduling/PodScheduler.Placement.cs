using KubeMesos.Framework.Events;
using k8s.Models;
using KubeMesos.Framework.Mesos.Client;
using KubeMesos.Framework.Offers;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Scheduling.Pipeline;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Scheduling;

/// <summary>The placement pass and the launch of what it decided.</summary>
public sealed partial class PodScheduler
{
    private sealed record Placement(V1Pod Pod, PodRequirements Requirements, IReadOnlyList<HostPortAssignment> Ports, PlacementDecision? Decision = null);

    private async Task PlaceAsync(CancellationToken ct)
    {
        if (!_connected || _frameworkId is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var ready = _queue.Ready(now);
        if (ready.Count == 0)
        {
            await SuppressAfterPassAsync(ct).ConfigureAwait(false);
            return;
        }

        var (candidates, offersByAgent) = BuildCandidates();
        // Every agent with offers held has a candidate (one per role): no set of the candidates' agents at every pass.
        var agentsWithoutOffers = _agents.Count - _offers.AgentCount;
        var placements = new Dictionary<AgentCandidate, List<Placement>>();
        var unplaceable = new Dictionary<string, string>(StringComparer.Ordinal);
        var unplaced = 0;
        foreach (var key in ready)
        {
            if (IsUnconfirmed(key))
            {
                // Its task may run already (see PodScheduler.Adoption): placed only once the master says it does not.
                continue;
            }

            if (!_pods.TryGetValue(key, out var pod) || pod.Metadata.DeletionTimestamp is not null)
            {
                Dequeue(key);
                continue;
            }

            // A role the framework does not subscribe with is never offered to us: no agent can ever fit it.
            if (PodRoles.Requested(pod) is { } role && !_roles.Contains(role, StringComparer.Ordinal))
            {
                _queue.Backoff(key, now);
                SetPendingReason(key, $"role '{role}' ({PodRoles.Annotation}) is not one of the framework's roles ({string.Join(", ", _roles)}, Mesos:Roles)");
                continue;
            }

            // With no offer held (we handed back what no pod could use), a pod that already says why it waits keeps
            // that reason rather than "no outstanding offer": nothing it could fit has come since.
            if (candidates.Count == 0 && _pendingReasons.ContainsKey(key))
            {
                _queue.Backoff(key, now);
                continue;
            }

            var requirements = PodRequirements.From(pod, _options, key);
            var decision = _options.LaunchMode == LaunchMode.Task && pod.Spec.Containers.Count > 1
                ? new PlacementDecision(null, PlacementReasons.NeedsTaskGroups)
                : DecideOncePerClass(requirements, candidates, agentsWithoutOffers, unplaceable);
            if (decision.Agent is not { } agent)
            {
                _counters.PlacementFailure();
                _queue.Backoff(key, now);
                SetPendingReason(key, decision.Explanation!);
                unplaced++;
                continue;
            }

            _queue.Remove(key);
            var ports = agent.Reserve(requirements);
            if (!placements.TryGetValue(agent, out var list))
            {
                list = [];
                placements[agent] = list;
            }

            list.Add(new Placement(pod, requirements, ports, decision));
        }

        foreach (var (agent, list) in placements)
        {
            await LaunchAsync(agent, offersByAgent[agent], list, ct).ConfigureAwait(false);
        }

        if (unplaced > 0)
        {
            // Their explanations changed: readers showing one ask for it again (PodScheduler.Insight answers).
            _feed.Publish(new PlacementAttempted(now, unplaced));
        }

        if (unplaceable.Count > 0)
        {
            await DeclineUnusableAsync(ct).ConfigureAwait(false);
        }

        await SuppressAfterPassAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The pipeline's decision, unless a pod of the same <see cref="FeasibilityClass"/> already fit nowhere in this pass
    /// (<paramref name="unplaceable"/>: class → explanation). Classes are only worked out once something failed: most
    /// passes place every pod.
    /// </summary>
    private PlacementDecision DecideOncePerClass(
        PodRequirements requirements, List<AgentCandidate> candidates, int agentsWithoutOffers, Dictionary<string, string> unplaceable)
    {
        var feasibility = unplaceable.Count > 0 ? _pipeline.FeasibilityClassOf(requirements) : null;
        if (feasibility is not null && unplaceable.TryGetValue(feasibility, out var explanation))
        {
            _explanations.PodAttempted(requirements.Key, feasibility, _time.GetUtcNow());
            return new PlacementDecision(null, explanation);
        }

        var decision = _pipeline.Decide(requirements, candidates, agentsWithoutOffers);
        if (decision.Agent is null)
        {
            feasibility ??= _pipeline.FeasibilityClassOf(requirements);
            var summary = ExplainClass(feasibility, requirements, candidates);
            unplaceable.TryAdd(feasibility, summary);
            _explanations.PodAttempted(requirements.Key, feasibility, _time.GetUtcNow());
            return decision with { Explanation = summary };
        }

        return decision;
    }

    /// <summary>
    /// One candidate per agent and role we hold offers for, in order of its oldest offer: one ACCEPT may combine
    /// offers of one agent only when they are allocated to the same role (Mesos refuses the rest).
    /// </summary>
    private (List<AgentCandidate> Candidates, Dictionary<AgentCandidate, IReadOnlyList<HeldOffer>> Offers) BuildCandidates()
    {
        var candidates = new List<AgentCandidate>(_offers.AgentCount);
        var offers = new Dictionary<AgentCandidate, IReadOnlyList<HeldOffer>>(_offers.AgentCount);
        foreach (var agentOffers in _offers.ByAgent())
        {
            var agent = _agents[agentOffers[0].AgentId];
            if (OneRole(agentOffers))
            {
                // The usual case (one framework role): no grouping, for every agent a pass considers.
                AddCandidate(agent, agentOffers[0].Offer.AllocationInfo?.Role, [.. agentOffers]);
                continue;
            }

            foreach (var roleOffers in agentOffers.GroupBy(o => o.Offer.AllocationInfo?.Role, StringComparer.Ordinal))
            {
                AddCandidate(agent, roleOffers.Key, [.. roleOffers]);
            }
        }

        return (candidates, offers);

        void AddCandidate(AgentState agent, string? role, HeldOffer[] roleOffers)
        {
            var free = default(ResourceDemand);
            var ports = new PortRanges();
            foreach (var offer in roleOffers)
            {
                free += offer.Total;
                ports.AddFrom(offer.Offer);
            }

            var candidate = new AgentCandidate(
                agent.AgentId, agent.Hostname, agent.Labels,
                free, ports, agent.Capacity, agent.Used, agent.OwnerPods)
            { Role = role };
            candidates.Add(candidate);
            offers[candidate] = roleOffers;
        }
    }

    private static bool OneRole(IReadOnlyList<HeldOffer> offers)
    {
        var role = offers[0].Offer.AllocationInfo?.Role;
        for (var i = 1; i < offers.Count; i++)
        {
            if (!string.Equals(offers[i].Offer.AllocationInfo?.Role, role, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private void SetPendingReason(string key, string reason)
    {
        if (_pendingReasons.TryGetValue(key, out var previous) && previous == reason)
        {
            return;
        }

        _pendingReasons[key] = reason;
        if (_pods.TryGetValue(key, out var cached)
            && cached.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False" && c.Message == reason) == true)
        {
            // Already says so (e.g. written before a restart): no write, no repeated event.
            return;
        }

        Record(key, KubernetesEventRecorder.Warning, "FailedScheduling", reason);
        var now = _time.GetUtcNow().UtcDateTime;
        QueuePodWrite(key, pod => pod.Status = new V1PodStatus
        {
            Phase = PodPhases.Pending,
            Conditions = [new V1PodCondition
            {
                Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = reason, LastTransitionTime = now,
            }],
        });
    }

    /// <summary>One ACCEPT of all the agent's held offers, with one launch operation per pod.</summary>
    private async Task LaunchAsync(AgentCandidate agent, IReadOnlyList<HeldOffer> offers, List<Placement> placements, CancellationToken ct)
    {
        using var scope = SchedulerLogScopes.Offers(_logger, string.Join(',', offers.Select(o => o.Id)), agent.AgentId);
        var accept = new Call.Types.Accept
        {
            // Leftovers go straight back when more pods wait or are still coming (a burst whose queue this pass emptied:
            // the next pod no longer revives, see SuppressIdleTime); otherwise keep them away for the usual refusal.
            Filters = new Filters { RefuseSeconds = _queue.Count > 0 || PodsStillComing(_time.GetUtcNow()) ? 0 : _options.RefuseSeconds },
        };
        foreach (var offer in offers)
        {
            accept.OfferIds.Add(offer.Offer.Id.Clone());
        }

        var template = offers[0].Offer;
        foreach (var placement in placements)
        {
            accept.Operations.Add(_options.LaunchMode == LaunchMode.Task
                ? LaunchGroupBuilder.BuildSingleTask(placement.Pod, template, _options, placement.Ports)
                : LaunchGroupBuilder.Build(placement.Pod, template, _frameworkId!, _options, placement.Ports));
        }

        foreach (var offer in offers)
        {
            RemoveOffer(offer.Id, OfferRemovalReason.Accepted);
        }

        try
        {
            await _mesos.SendAsync(new Call { Type = Call.Types.Type.Accept, Accept = accept }, ct).ConfigureAwait(false);
        }
        catch (MesosCallException ex)
        {
            LogLaunchFailed(ex, agent.AgentId, placements.Count);
            foreach (var placement in placements)
            {
                _queue.Add(placement.Requirements.Key);
            }

            return;
        }

        foreach (var placement in placements)
        {
            MarkLaunched(placement, agent, template);
        }
    }

    private void MarkLaunched(Placement placement, AgentCandidate agent, Offer offer)
    {
        var pod = placement.Pod;
        var key = placement.Requirements.Key;
        using var scope = SchedulerLogScopes.Pod(_logger, key, agent.AgentId);
        var tasks = new PodTasks(key, agent.AgentId, placement.Requirements.WithExecutor, placement.Requirements.OwnerUid) { HostPorts = placement.Ports.Count };
        foreach (var container in pod.Spec.Containers)
        {
            var taskId = PodTaskIds.Task(pod, container.Name);
            tasks.States[taskId] = TaskState.TaskStaging;
            _taskToPod[taskId] = key;
        }

        _launched[key] = tasks;
        _agentBook.Launched(agent.AgentId, offer.Hostname, key, tasks.Charged, placement.Ports.Select(p => p.HostPort));
        _pendingReasons.Remove(key);
        var agentState = _agents[agent.AgentId];
        agentState.AddPod(key, tasks.OwnerUid, tasks.Charged, tasks.HostPorts);

        var now = _time.GetUtcNow();
        CountPlaced(key, now);
        QueuePodWrite(key, stored =>
        {
            stored.Spec.NodeName = offer.Hostname;
            // The binding changes the spec: the store then writes the pod once, with the next generation.
            stored.Metadata.Generation = (stored.Metadata.Generation ?? 1) + 1;
            stored.Metadata.Annotations ??= new Dictionary<string, string>();
            stored.Metadata.Annotations[PodViews.AgentIdAnnotation] = agent.AgentId;
            stored.Metadata.Annotations[PodViews.TaskStateAnnotation] = TaskStates.Name(TaskState.TaskStaging);
            foreach (var port in placement.Ports)
            {
                stored.Metadata.Annotations[port.AnnotationKey] = port.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            stored.Status = new V1PodStatus
            {
                Phase = PodPhases.Pending,
                Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now.UtcDateTime }],
            };
        });
        LogPlaced(key, offer.Hostname, placement.Requirements.Strategy);
        Record(key, KubernetesEventRecorder.Normal, "Scheduled", $"Successfully assigned {key} to {offer.Hostname}");
        _feed.Publish([
            new PodPlaced(PlacementRecord(pod, agent, offer.Id.Value, placement.Decision, placement.Requirements, now)),
            new AgentUpdated(agentState.ToView()),
        ]);
    }
}
