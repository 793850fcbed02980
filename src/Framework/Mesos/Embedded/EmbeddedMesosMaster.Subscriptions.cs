using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Mesos.Embedded;

// Framework life: SUBSCRIBE (first, failover), disconnection with its failover_timeout, removal (TEARDOWN or timeout).
public sealed partial class EmbeddedMesosMaster
{
    // Longest due time an ITimer takes (~49.7 days); a longer failover_timeout simply never fires here.
    private static readonly TimeSpan s_maxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>
    /// Registers or fails over the framework of a validated SUBSCRIBE and returns its new stream, which already holds
    /// SUBSCRIBED and the first HEARTBEAT, or only an ERROR (and is closed) when Mesos would refuse the FrameworkInfo.
    /// </summary>
    internal FrameworkStream Subscribe(Call.Types.Subscribe subscribe, bool json)
    {
        var stream = new FrameworkStream(json);
        var info = subscribe.FrameworkInfo.Clone();
        lock (_lock)
        {
            StateChangedLocked();
            var error = ValidateFrameworkInfo(info);
            SimFramework? framework = null;
            if (error is null && info.Id is { } id)
            {
                if (_removedFrameworks.Contains(id.Value))
                {
                    error = "Framework has been removed";
                }
                else if (_frameworks.TryGetValue(id.Value, out framework) && framework.Info.Principal != info.Principal)
                {
                    error = "Changing framework's principal is not allowed";
                }
            }

            if (error is not null)
            {
                _logger.LogWarning("SUBSCRIBE of framework '{Name}' refused: {Error}", info.Name, error);
                CountRejection();
                stream.Send(Events.Error(error));
                stream.Close();
                return stream;
            }

            if (framework is not null)
            {
                if (framework.Stream is { } old)
                {
                    old.Send(Events.Error("Framework failed over"));
                    old.Close();
                }

                framework.FailoverTimer?.Dispose();
                framework.FailoverTimer = null;

                // Outstanding offers vanish without RESCIND on failover (MESOS-V1-FACTS §4); user and checkpoint stay.
                DropOffersLocked(framework);
                info.User = framework.Info.User;
                info.Checkpoint = framework.Info.Checkpoint;
                framework.Update(info);
                _logger.LogInformation("Framework {FrameworkId} ({Name}) re-subscribed", framework.Id, info.Name);
            }
            else
            {
                // An ID we never saw is a framework re-registering after a master failover: keep its ID.
                info.Id ??= new FrameworkID { Value = $"{MasterId}-{_nextFramework++:D4}" };
                framework = new SimFramework(info.Id.Value, info) { RegisteredAt = _time.GetUtcNow() };
                framework.Update(info);
                _frameworks.Add(framework.Id, framework);
                _logger.LogInformation("Framework {FrameworkId} ({Name}) subscribed with roles {Roles}", framework.Id, info.Name, string.Join(",", framework.Roles));
            }

            framework.SuppressedRoles.Clear();
            framework.SuppressedRoles.UnionWith(subscribe.SuppressedRoles.Where(framework.Roles.Contains));
            framework.Stream = stream;
            stream.FrameworkId = framework.Id;
            stream.Send(Events.Subscribed(framework.ProtoId, _options.HeartbeatInterval, Events.MasterInfo(MasterId, BaseUri?.Port ?? _options.Port)));
            stream.Send(Events.Heartbeat());
            stream.HeartbeatTimer = _time.CreateTimer(
                static s => ((FrameworkStream)s!).Send(Events.Heartbeat()), stream, _options.HeartbeatInterval, _options.HeartbeatInterval);

            // Updates queued while disconnected go out now, head first (the agent resends them on reconnection).
            foreach (var task in framework.Tasks.Values)
            {
                if (task.PendingUpdates.Count > 0)
                {
                    SendHeadLocked(task, resetDelay: true);
                }
            }

            AllocateLocked();
        }

        return stream;
    }

    /// <summary>The HTTP response of <paramref name="stream"/> ended (client gone, write failed, or the master closed it).</summary>
    internal void OnStreamEnded(FrameworkStream stream)
    {
        lock (_lock)
        {
            StateChangedLocked();
            stream.Close();
            if (stream.FrameworkId is null || !_frameworks.TryGetValue(stream.FrameworkId, out var framework) || framework.Stream != stream)
            {
                return;
            }

            framework.Stream = null;
            DropOffersLocked(framework);
            var timeout = framework.Info.FailoverTimeout;
            _logger.LogInformation("Framework {FrameworkId} disconnected; failover timeout {Timeout} s", framework.Id, timeout);
            if (!(timeout > 0))
            {
                RemoveFrameworkLocked(framework, "failover timeout 0 after disconnection");
                return;
            }

            var due = TimeSpan.FromSeconds(Math.Min(timeout, s_maxTimer.TotalSeconds));
            framework.FailoverTimer = _time.CreateTimer(
                _ => OnFailoverTimeout(framework), null, due >= s_maxTimer ? Timeout.InfiniteTimeSpan : due, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnFailoverTimeout(SimFramework framework)
    {
        lock (_lock)
        {
            StateChangedLocked();
            if (!framework.Connected && _frameworks.GetValueOrDefault(framework.Id) == framework)
            {
                RemoveFrameworkLocked(framework, "failover timeout expired");
            }
        }
    }

    /// <summary>Removes the framework for good: its tasks are killed, its resources return, its stream ends.</summary>
    private void RemoveFrameworkLocked(SimFramework framework, string why)
    {
        framework.Stream?.Close();
        framework.Stream = null;
        framework.FailoverTimer?.Dispose();
        framework.FailoverTimer = null;
        DropOffersLocked(framework);
        foreach (var task in framework.Tasks.Values)
        {
            task.StopTimers();
            ReleaseTaskLocked(task, reportExecutorExit: false);
        }

        framework.Tasks.Clear();
        framework.Filters.Clear();
        _frameworks.Remove(framework.Id);
        _removedFrameworks.Add(framework.Id);
        _logger.LogInformation("Framework {FrameworkId} removed: {Why}", framework.Id, why);
    }

    private static string? ValidateFrameworkInfo(FrameworkInfo info)
    {
        var multiRole = info.Capabilities.Any(c => c.Type == FrameworkInfo.Types.Capability.Types.Type.MultiRole);
#pragma warning disable CS0612 // FrameworkInfo.role is deprecated; Mesos still validates it against MULTI_ROLE
        if (multiRole && info.HasRole)
        {
            return "'FrameworkInfo.role' must not be set when the framework has the MULTI_ROLE capability";
        }

        if (!multiRole && info.Roles.Count > 0)
        {
            return "'FrameworkInfo.roles' must not be set when the framework does not have the MULTI_ROLE capability";
        }

        var roles = multiRole ? info.Roles.ToList() : [info.Role];
#pragma warning restore CS0612
        foreach (var role in roles)
        {
            if (role.Length == 0 || role is "." or ".." || role[0] is '-' or '/' || role[^1] == '/' || role.Any(char.IsWhiteSpace))
            {
                return $"Role '{role}' is invalid";
            }
        }

        return null;
    }
}
