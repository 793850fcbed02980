using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Scheduling;

/// <summary>Everything the scheduler loop reacts to; it handles them one at a time, in order.</summary>
public abstract record SchedulerMessage;

public sealed record MasterSubscribed(FrameworkID FrameworkId, Uri Master) : SchedulerMessage;

public sealed record MasterEvent(Event Event) : SchedulerMessage;

public sealed record MasterDisconnected(string Reason) : SchedulerMessage;

public sealed record Housekeeping : SchedulerMessage;

/// <summary>The placement linger after new pods ran out: time for a pass.</summary>
public sealed record PlacementDue : SchedulerMessage;

/// <summary>A pod as the store has it now (added or modified).</summary>
public sealed record PodObserved(k8s.Models.V1Pod Pod) : SchedulerMessage;

/// <summary>A pod left the store.</summary>
public sealed record PodGone(string Key) : SchedulerMessage;

/// <summary>The full list of pods after a (re)list: anything not in it is gone.</summary>
public sealed record PodsListed(IReadOnlyList<k8s.Models.V1Pod> Pods) : SchedulerMessage;
