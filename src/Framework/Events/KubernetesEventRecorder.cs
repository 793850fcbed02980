using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using k8s.Models;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Events;

/// <summary>
/// Writes Kubernetes Events (Scheduled, FailedScheduling, Killing, NodeLost, SuccessfulCreate, ...) into the object
/// store, where the API lists them and the dashboard shows them. Like the Kubernetes event recorder it folds repeats
/// of the same reason and message for the same object into one Event with a count. Recording never fails the caller:
/// an event that cannot be written is logged and dropped. With a feed, it tells the feed of each event it wrote
/// (<see cref="Echoes"/>: the feed's events watch then leaves that change out instead of decoding it again). Thread-safe.
/// </summary>
public sealed partial class KubernetesEventRecorder(IObjectStore store, TimeProvider timeProvider, ILogger<KubernetesEventRecorder> logger, ClusterFeed? feed = null)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    // Enough to fold the repeats of a busy cluster; forgotten keys only cost a new Event instead of a count.
    private const int MaxRemembered = 10_000;

    // By a digest of what makes a repeat (object, reason, message): the text itself was ~300 bytes an entry.
    private readonly ConcurrentDictionary<UInt128, string> _eventNames = new();

    // About how many _eventNames holds: its Count takes every lock of the dictionary, once per event of a burst.
    private int _remembered;

    /// <summary>The versions of the events this recorder wrote and told the feed of, for the feed's events watch to leave out.</summary>
    public OwnWrites Echoes { get; } = new();

    /// <summary>
    /// Records an event in the background, for callers that must not wait on the store (the scheduler loop), as the
    /// Kubernetes event broadcaster does. Failures are logged like <see cref="RecordAsync"/>'s; none reaches the caller.
    /// </summary>
    public void Post<T>(T obj, string type, string reason, string message, string component)
        where T : k8s.IKubernetesObject<V1ObjectMeta>
    {
        _ = PostAsync();

        async Task PostAsync()
        {
            try
            {
                await RecordAsync(obj, type, reason, message, component).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
            {
                // Shutting down: the store is gone.
            }
        }
    }

    /// <summary>Records an event about <paramref name="obj"/> from <paramref name="component"/>.</summary>
    public async Task RecordAsync<T>(T obj, string type, string reason, string message, string component, CancellationToken cancellationToken = default)
        where T : k8s.IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        var meta = obj.Metadata;
        var ns = meta.NamespaceProperty ?? "default";
        var key = RepeatKey(obj.Kind, ns, meta.Name, meta.Uid, reason, message);
        // To the microsecond, as the store keeps it: the event told to the feed is then the one a watch decodes.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
        try
        {
            if (_eventNames.TryGetValue(key, out var existing)
                && await store.GetAsync<Corev1Event>(ns, existing, cancellationToken).ConfigureAwait(false) is { } previous)
            {
                previous.Count = (previous.Count ?? 1) + 1;
                previous.LastTimestamp = now;
                Announce(await store.UpdateHandedOverAsync(previous, cancellationToken).ConfigureAwait(false));
                return;
            }

            var name = $"{meta.Name}.{Guid.NewGuid():N}"[..Math.Min(meta.Name.Length + 17, 253)];
            // Built here for this write alone (and the read above is our own copy): the store keeps it without a copy.
            var created = await store.CreateHandedOverAsync(new Corev1Event
            {
                ApiVersion = "v1",
                Kind = "Event",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                InvolvedObject = new V1ObjectReference
                {
                    ApiVersion = obj.ApiVersion ?? "v1", Kind = obj.Kind, NamespaceProperty = ns, Name = meta.Name, Uid = meta.Uid,
                    ResourceVersion = meta.ResourceVersion,
                },
                Type = type,
                Reason = reason,
                Message = message,
                Count = 1,
                FirstTimestamp = now,
                LastTimestamp = now,
                Source = new V1EventSource { Component = component },
                ReportingComponent = component,
            }, cancellationToken).ConfigureAwait(false);
            Announce(created);
            if (Volatile.Read(ref _remembered) >= MaxRemembered)
            {
                _eventNames.Clear();
                Volatile.Write(ref _remembered, 0);
            }

            if (_eventNames.TryAdd(key, name))
            {
                Interlocked.Increment(ref _remembered);
            }
            else
            {
                _eventNames[key] = name;
            }
        }
        catch (Exception ex) when (ex is StoreConflictException or StoreNotFoundException or ArgumentException or IOException)
        {
            LogDropped(ex, reason, meta.Name);
        }
    }

    /// <summary>Equal for the same parts in the same order, and (to 2^-128) only then: each part is length-prefixed.</summary>
    private static UInt128 RepeatKey(params ReadOnlySpan<string?> parts)
    {
        // One buffer hashed at once: no hasher object per event.
        var size = 0;
        foreach (var part in parts)
        {
            size += sizeof(int) + (2 * (part?.Length ?? 0));
        }

        var rented = size <= 1024 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        var buffer = rented is null ? stackalloc byte[size] : rented.AsSpan(0, size);
        var at = 0;
        foreach (var part in parts)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer[at..], part?.Length ?? -1);
            at += sizeof(int);
            var chars = MemoryMarshal.AsBytes((part ?? "").AsSpan());
            chars.CopyTo(buffer[at..]);
            at += chars.Length;
        }

        var key = XxHash128.HashToUInt128(buffer);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        return key;
    }

    /// <summary>Tells the feed of a written event, unless its watch has already passed it (then it told the feed).</summary>
    private void Announce(Corev1Event written)
    {
        if (feed is not null && Echoes.TryExpect(ObjectCodec.ParseVersion(written.Metadata.ResourceVersion) ?? 0))
        {
            feed.Publish(new EventRecorded(ObjectViews.From(written)));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Reason} for {Name} not recorded")]
    private partial void LogDropped(Exception ex, string reason, string name);
}
