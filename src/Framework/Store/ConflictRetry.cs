namespace KubeMesos.Framework.Store;

/// <summary>
/// The one read–modify–write retry on conflict (client-go's <c>RetryOnConflict</c>): run an attempt that reads the
/// newest object, changes it and writes it with that object's resource version; when someone wrote in between, run it
/// again on the newer object, at most <see cref="Attempts"/> times. The last conflict is thrown when they run out (the
/// caller explains it: "kept changing; try again"), so a concurrent change is never silently overwritten or lost.
/// Used by the UI's writes (<c>ClusterWriter</c>), the API's guaranteed updates (patch, delete with a propagation
/// policy, scale) and the controllers.
/// </summary>
public static class ConflictRetry
{
    /// <summary>Attempts before giving up: a controller writing the same object's status every few ms loses at most this often.</summary>
    public const int Attempts = 10;

    /// <summary>The store's "the object has been modified" (not "already exists").</summary>
    public static bool IsStoreConflict(Exception ex) => ex is StoreConflictException { AlreadyExists: false };

    /// <param name="attempt">One read–modify–write; it must read the object afresh each time (the attempt number starts at 1).</param>
    /// <param name="isConflict">What counts as a conflict; <see cref="IsStoreConflict"/> when null.</param>
    public static async Task<T> RunAsync<T>(Func<int, Task<T>> attempt, Func<Exception, bool>? isConflict = null, int attempts = Attempts)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        isConflict ??= IsStoreConflict;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(number).ConfigureAwait(false);
            }
            catch (Exception ex) when (number < attempts && isConflict(ex))
            {
                // Written by someone else between our read and our write: read the newer object and try again.
            }
        }
    }

    /// <inheritdoc cref="RunAsync{T}(Func{int, Task{T}}, Func{Exception, bool}?, int)"/>
    public static Task RunAsync(Func<int, Task> attempt, Func<Exception, bool>? isConflict = null, int attempts = Attempts)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return RunAsync<bool>(async number =>
        {
            await attempt(number).ConfigureAwait(false);
            return true;
        }, isConflict, attempts);
    }
}
