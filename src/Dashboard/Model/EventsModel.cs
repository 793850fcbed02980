using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Dashboard.Model;

/// <summary>One Kubernetes Event as the events page lists it.</summary>
public sealed record EventRow(string Namespace, string Name, string Type, string Reason, string Object, string Message, int Count, string Source, DateTimeOffset LastSeen)
{
    public bool IsWarning => Type == "Warning";

    public static EventRow From(Corev1Event e) => new(
        e.Metadata.NamespaceProperty,
        e.Metadata.Name,
        e.Type ?? "Normal",
        e.Reason ?? string.Empty,
        $"{e.InvolvedObject?.Kind?.ToLowerInvariant()}/{e.InvolvedObject?.Name}",
        e.Message ?? string.Empty,
        e.Count ?? 1,
        e.Source?.Component ?? e.ReportingComponent ?? string.Empty,
        new DateTimeOffset(DateTime.SpecifyKind(e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp ?? DateTime.UnixEpoch, DateTimeKind.Utc)));
}

/// <summary>
/// The events page's state: the newest events (list, then the store's watch), newest first, at most
/// <see cref="Limit"/> of them so a busy cluster cannot grow the page without bound. <see cref="RunAsync"/> is the
/// component's subscription and runs until cancelled; <see cref="Rows"/> is replaced, never mutated.
/// </summary>
public sealed class EventsModel(IObjectStore store)
{
    public const int Limit = 200;

    private readonly Dictionary<string, EventRow> _rows = new(StringComparer.Ordinal);

    public IReadOnlyList<EventRow> Rows { get; private set; } = [];

    /// <summary>When set, only rows whose object, reason or message contain it (case-insensitive).</summary>
    public string? Filter { get; set; }

    public IEnumerable<EventRow> Visible => Rows.Where(r => Matches(r, Filter));

    public static bool Matches(EventRow row, string? filter) =>
        string.IsNullOrWhiteSpace(filter)
        || row.Object.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || row.Reason.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || row.Message.Contains(filter, StringComparison.OrdinalIgnoreCase);

    public async Task RunAsync(Action changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var list = await store.ListAsync<Corev1Event>(new StoreListOptions(), cancellationToken).ConfigureAwait(false);
                _rows.Clear();
                foreach (var e in list.Items)
                {
                    _rows[Key(e)] = EventRow.From(e);
                }

                Publish(changed);
                await foreach (var change in store.WatchAsync<Corev1Event>(null, list.ResourceVersion, cancellationToken).ConfigureAwait(false))
                {
                    if (change.Type == StoreWatchEventType.Deleted)
                    {
                        _rows.Remove(Key(change.Object));
                    }
                    else
                    {
                        _rows[Key(change.Object)] = EventRow.From(change.Object);
                    }

                    Publish(changed);
                }
            }
            catch (StoreVersionGoneException)
            {
                // Fell behind: list again.
            }
        }
    }

    private void Publish(Action changed)
    {
        var newest = _rows.Values.OrderByDescending(r => r.LastSeen).ThenBy(r => r.Name, StringComparer.Ordinal).Take(Limit).ToList();
        if (_rows.Count > Limit)
        {
            // Keep the dictionary as small as what is shown.
            var keep = newest.Select(r => $"{r.Namespace}/{r.Name}").ToHashSet(StringComparer.Ordinal);
            foreach (var key in _rows.Keys.Where(k => !keep.Contains(k)).ToList())
            {
                _rows.Remove(key);
            }
        }

        Rows = newest;
        changed();
    }

    private static string Key(Corev1Event e) => $"{e.Metadata.NamespaceProperty}/{e.Metadata.Name}";
}
