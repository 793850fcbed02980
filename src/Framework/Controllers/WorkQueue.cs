using System.Threading.Channels;

namespace KubeMesos.Framework.Controllers;

/// <summary>
/// A deduplicating queue of object keys, as client-go's workqueue: a key added while it waits is queued once; a key
/// added while it is being processed is queued again after, so no change is lost and one key is never reconciled
/// twice at the same time (with one reader). Thread-safe.
/// </summary>
public sealed class WorkQueue(TimeProvider timeProvider)
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How many keys wait to be processed.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    public void Add(string key)
    {
        lock (_lock)
        {
            if (!_waiting.Add(key))
            {
                return;
            }
        }

        _channel.Writer.TryWrite(key);
    }

    /// <summary>Adds the key after <paramref name="delay"/> (a retry after a failure).</summary>
    public void AddAfter(string key, TimeSpan delay, CancellationToken cancellationToken) =>
        _ = Task.Delay(delay, timeProvider, cancellationToken).ContinueWith(_ => Add(key), cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    /// <summary>The next key; it counts as no longer waiting, so changes seen while it is processed queue it again.</summary>
    public async ValueTask<string> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _waiting.Remove(key);
        }

        return key;
    }
}
