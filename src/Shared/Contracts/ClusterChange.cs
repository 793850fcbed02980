using System.Text.Json.Serialization;

namespace KubeMesos.Shared.Contracts;

/// <summary>
/// One change to the live cluster picture, published by the framework and consumed by components and the hub.
/// Changes are facts that already happened; applying them in order to a <see cref="ClusterSnapshot"/> gives the
/// framework's current picture.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OfferReceived), "offerReceived")]
[JsonDerivedType(typeof(OfferRemoved), "offerRemoved")]
[JsonDerivedType(typeof(PodUpdated), "podUpdated")]
[JsonDerivedType(typeof(PodRemoved), "podRemoved")]
[JsonDerivedType(typeof(PodPlaced), "podPlaced")]
[JsonDerivedType(typeof(AgentUpdated), "agentUpdated")]
[JsonDerivedType(typeof(AgentRemoved), "agentRemoved")]
[JsonDerivedType(typeof(SchedulerStatusChanged), "schedulerStatusChanged")]
[JsonDerivedType(typeof(ReplicationControllerUpdated), "replicationControllerUpdated")]
[JsonDerivedType(typeof(ReplicationControllerRemoved), "replicationControllerRemoved")]
[JsonDerivedType(typeof(ServiceUpdated), "serviceUpdated")]
[JsonDerivedType(typeof(ServiceRemoved), "serviceRemoved")]
[JsonDerivedType(typeof(EndpointsUpdated), "endpointsUpdated")]
[JsonDerivedType(typeof(EndpointsRemoved), "endpointsRemoved")]
[JsonDerivedType(typeof(EventRecorded), "eventRecorded")]
[JsonDerivedType(typeof(PlacementAttempted), "placementAttempted")]
[JsonDerivedType(typeof(Resynced), "resynced")]
public abstract record ClusterChange;

public sealed record OfferReceived(OfferView Offer) : ClusterChange;

public enum OfferRemovalReason { Accepted, Declined, Rescinded, Withdrawn }

public sealed record OfferRemoved(string OfferId, OfferRemovalReason Reason) : ClusterChange;

/// <summary>A pod was created or its placement, phase or message changed.</summary>
public sealed record PodUpdated(PodView Pod) : ClusterChange;

public sealed record PodRemoved(string Namespace, string Name) : ClusterChange;

public sealed record PodPlaced(PlacementView Placement) : ClusterChange;

public sealed record AgentUpdated(AgentView Agent) : ClusterChange;

public sealed record AgentRemoved(string AgentId) : ClusterChange;

public sealed record SchedulerStatusChanged(SchedulerStatusView Status) : ClusterChange;

/// <summary>A replication controller was created or its spec or status changed.</summary>
public sealed record ReplicationControllerUpdated(ReplicationControllerView ReplicationController) : ClusterChange;

public sealed record ReplicationControllerRemoved(string Namespace, string Name) : ClusterChange;

public sealed record ServiceUpdated(ServiceView Service) : ClusterChange;

public sealed record ServiceRemoved(string Namespace, string Name) : ClusterChange;

public sealed record EndpointsUpdated(EndpointsView Endpoints) : ClusterChange;

public sealed record EndpointsRemoved(string Namespace, string Name) : ClusterChange;

/// <summary>An Event was recorded, or recorded again (its count and last-seen time went up).</summary>
public sealed record EventRecorded(EventView Event) : ClusterChange;

/// <summary>
/// A placement pass tried pods and found no place for <paramref name="Unplaced"/> of them: their explanations (per agent
/// and per filter, asked of the scheduler) changed. One per pass, not per pod: explanations are large (every agent's
/// verdicts), so the feed carries that they changed and a reader asks for the one pod it shows.
/// </summary>
public sealed record PlacementAttempted(DateTimeOffset At, int Unplaced) : ClusterChange;

/// <summary>
/// Sent instead of the changes a slow subscriber could not take: replace everything with this snapshot.
/// </summary>
public sealed record Resynced(ClusterSnapshot Snapshot) : ClusterChange;
