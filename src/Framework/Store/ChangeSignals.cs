using System.Collections.Concurrent;

namespace KubeMesos.Framework.Store;

/// <summary>
/// One <see cref="ChangeSignal"/> per resource, so that a write wakes only the watchers of its kind: in a burst the
/// Events written beside every pod change would otherwise wake every pod, service and controller watcher too, and
/// each woken watcher takes the store's lock (or runs a query) to find nothing for it.
/// </summary>
internal sealed class ChangeSignals
{
    private readonly ConcurrentDictionary<string, ChangeSignal> _signals = new(StringComparer.Ordinal);

    public Task Next(string resource) => Signal(resource).Next;

    public void Pulse(string resource) => Signal(resource).Pulse();

    /// <summary>Wakes every watcher (the store is closing).</summary>
    public void PulseAll()
    {
        foreach (var signal in _signals.Values)
        {
            signal.Pulse();
        }
    }

    private ChangeSignal Signal(string resource) => _signals.GetOrAdd(resource, static _ => new ChangeSignal());
}
