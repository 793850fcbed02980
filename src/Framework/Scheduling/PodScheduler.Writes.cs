using k8s.Models;
using KubeMesos.Framework.Store;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// Pod writes are queued while the loop handles a batch of messages and a placement pass, then written together:
/// one store round trip per pass instead of one per pod state change (the store group-commits concurrent writes).
/// Several changes to one pod in a pass become one write. The ACKNOWLEDGEs of the updates behind a write are sent
/// only after it is stored, so a crash before that makes Mesos resend them.
/// </summary>
public sealed partial class PodScheduler
{
    private readonly Dictionary<string, PendingPodWrite> _pendingWrites = new(StringComparer.Ordinal);

    /// <summary>Queues <paramref name="change"/> for the pod; it is applied to the newest stored pod when written.</summary>
    private void QueuePodWrite(string key, Action<V1Pod> change)
    {
        if (!_pendingWrites.TryGetValue(key, out var pending))
        {
            pending = new PendingPodWrite();
            _pendingWrites[key] = pending;
        }

        pending.Changes.Add(change);
    }

    /// <summary>Sends the ACKNOWLEDGE after the pod's queued write is stored, or now when none is queued.</summary>
    private void AcknowledgeAfterWrite(string? key, Call acknowledge)
    {
        if (key is not null && _pendingWrites.TryGetValue(key, out var pending))
        {
            pending.Acknowledgements.Add(acknowledge);
        }
        else
        {
            _acknowledgements.Post(acknowledge);
        }
    }

    /// <summary>Writes every queued pod change at once; the cache takes the written pods.</summary>
    private async Task FlushPodWritesAsync(CancellationToken ct)
    {
        if (_pendingWrites.Count == 0)
        {
            return;
        }

        var writes = _pendingWrites.ToList();
        _pendingWrites.Clear();
        // Each write starts from the cached pod: it normally is the newest (our own writes and the watch keep it so),
        // which saves a read per write; a conflict re-reads, and so does a write over a running pod's stub. The starts
        // run here on the loop; only the store's side and conflict retries run concurrently, and those touch no loop
        // state.
        var outcomes = await Task.WhenAll(writes.Select(w => WriteQueuedAsync(w.Key, RunningPodStubs.ForWrite(_pods.GetValueOrDefault(w.Key)), w.Value.Changes, ct))).ConfigureAwait(false);
        for (var i = 0; i < writes.Count; i++)
        {
            var (key, pending) = writes[i];
            var outcome = outcomes[i];
            if (outcome.Error is { } error)
            {
                // Not acknowledged: Mesos resends the updates, and they are applied again.
                LogWriteFailed(error, key);
                continue;
            }

            if (outcome.Written is { } written)
            {
                Cache(key, written);
                if (outcome.EchoSkipped)
                {
                    // What the echo did besides confirming the cache: the pod's view in the feed.
                    PublishPod(key, written);
                }
            }

            foreach (var acknowledge in pending.Acknowledgements)
            {
                _acknowledgements.Post(acknowledge);
            }
        }
    }

    private async Task<WriteOutcome> WriteQueuedAsync(string key, V1Pod? cached, List<Action<V1Pod>> changes, CancellationToken ct)
    {
        var (ns, name) = Split(key);
        var pod = cached;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                pod ??= await _store.GetAsync<V1Pod>(ns, name, ct).ConfigureAwait(false);
                if (pod is null)
                {
                    return new WriteOutcome(null, null);
                }

                foreach (var change in changes)
                {
                    change(pod);
                }

                // Over the cached pod at the first attempt, a write that succeeds had no one else's write before it: its
                // echo on the watch would only repeat it, unless observing it acts (decided here, on the loop, which
                // waits for the writes). The watcher is told as soon as the version is known, to meet it prepared.
                var quiet = attempt == 1 && ReferenceEquals(pod, cached) && EchoChangesNothing(key, pod);
                var readVersion = pod.Metadata.ResourceVersion;
                try
                {
                    // The cached pod is handed over: the cache takes the written one (the store saves a copy). A write
                    // that fails may have changed it already: it gets back the version it was read at, so that the
                    // next write from the cache is still checked against that version.
                    V1Pod written;
                    try
                    {
                        written = await _store.UpdateHandedOverAsync(pod, ct).ConfigureAwait(false);
                    }
                    catch
                    {
                        pod.Metadata.ResourceVersion = readVersion;
                        throw;
                    }

                    if (quiet)
                    {
                        _inbox.OwnPodWrites.Expect(VersionOf(written));
                    }

                    return new WriteOutcome(written, null, quiet);
                }
                catch (StoreConflictException) when (attempt < WriteAttempts)
                {
                    // Someone else wrote in between (a label from the API, say): read again and reapply.
                    pod = null;
                }
            }
        }
        catch (StoreNotFoundException)
        {
            // Deleted meanwhile: the watch tells the rest.
            return new WriteOutcome(null, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new WriteOutcome(null, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing pod {Pod} failed; its status updates stay unacknowledged and Mesos resends them")]
    private partial void LogWriteFailed(Exception ex, string pod);

    private sealed class PendingPodWrite
    {
        public List<Action<V1Pod>> Changes { get; } = [];

        public List<Call> Acknowledgements { get; } = [];
    }

    /// <param name="EchoSkipped">The watcher was told to leave out the write's echo.</param>
    private readonly record struct WriteOutcome(V1Pod? Written, Exception? Error, bool EchoSkipped = false);
}
