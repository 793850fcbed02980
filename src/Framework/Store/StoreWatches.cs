using System.Runtime.CompilerServices;

namespace KubeMesos.Framework.Store;

/// <summary>Watch plumbing shared by backends that have no way of their own to do it.</summary>
internal static class StoreWatches
{
    /// <summary>The watch without the changes <paramref name="skip"/> picks, decided after decoding.</summary>
    public static async IAsyncEnumerable<StoreWatchEvent<T>> Skipping<T>(
        IAsyncEnumerable<StoreWatchEvent<T>> watch, Func<long, bool> skip, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in watch.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!skip(change.ResourceVersion))
            {
                yield return change;
            }
        }
    }
}
