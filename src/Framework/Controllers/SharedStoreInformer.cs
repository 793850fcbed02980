using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Controllers;

/// <summary>
/// One metadata-only <see cref="StoreInformer{T}"/> for every owner that looks only at metadata, as client-go's shared
/// informers: one store watch, one decode and one cache of each change instead of one per owner (the endpoints and
/// replication controllers both follow every pod). Owners are told of objects that may carry only their kind and
/// metadata, on both sides of a change, so the store skips the rest of each. The watch runs while at least one owner does. An owner that joins
/// a running watch is first told of every cached object as added; it may then hear of a change it was just told of a
/// second time, never miss one, which level-triggered owners (they only queue keys) do not notice.
/// </summary>
public sealed class SharedStoreInformer<T>(IObjectStore store, TimeProvider timeProvider, ILogger<SharedStoreInformer<T>> logger)
    where T : class, IKubernetesObject<V1ObjectMeta>, new()
{
    private readonly StoreInformer<T> _informer = new(store, timeProvider, logger, MetadataOnly.Of, metadataOnlyChanges: true);
    private readonly Lock _lock = new();
    private readonly List<Action<T?, T?>> _owners = [];
    private CancellationTokenSource? _watching;
    private Task _watch = Task.CompletedTask;

    /// <summary>
    /// Tells <paramref name="onChange"/> of every change (old, new; new is null when the object went) until cancelled,
    /// as <see cref="StoreInformer{T}.RunAsync"/> does; calls for all owners come from one task, in order.
    /// </summary>
    public async Task RunAsync(Action<T?, T?> onChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_lock)
        {
            if (_owners.Count == 0)
            {
                // A watch stopped by the last owner may still be ending: the new one starts after it.
                _watching = new CancellationTokenSource();
                _watch = WatchAfterAsync(_watch, _watching.Token);
            }
            else
            {
                foreach (var cached in _informer.Items)
                {
                    onChange(null, cached);
                }
            }

            _owners.Add(onChange);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _owners.Remove(onChange);
                if (_owners.Count == 0)
                {
                    _watching!.Cancel();
                    _watching.Dispose();
                    _watching = null;
                }
            }
        }
    }

    private async Task WatchAfterAsync(Task previous, CancellationToken cancellationToken)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        try
        {
            await _informer.RunAsync(Tell, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The last owner left.
        }
    }

    private void Tell(T? old, T? current)
    {
        lock (_lock)
        {
            foreach (var owner in _owners)
            {
                owner(old, current);
            }
        }
    }
}
