using Mesos.V1;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Scheduling;

/// <summary>Everything the scheduler loop reacts to; it handles them one at a time, in order.</summary>
public abstract record SchedulerMessage;

public sealed record MasterSubscribed(FrameworkID FrameworkId, Uri Master) : SchedulerMessage;

public sealed record MasterEvent(Event Event) : SchedulerMessage;

public sealed record MasterDisconnected(string Reason) : SchedulerMessage;

public sealed record PodSubmitted(string Key) : SchedulerMessage;

public sealed record PodDeletionRequested(string Key) : SchedulerMessage;

public sealed record Housekeeping : SchedulerMessage;
