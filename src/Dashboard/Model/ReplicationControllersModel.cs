using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Dashboard.Model;

/// <summary>One replication controller as the page lists it.</summary>
public sealed record ReplicationControllerRow(string Namespace, string Name, int Desired, int Current, int Ready, string Selector)
{
    public static ReplicationControllerRow From(V1ReplicationController rc) => new(
        rc.Metadata.NamespaceProperty,
        rc.Metadata.Name,
        rc.Spec?.Replicas ?? 1,
        rc.Status?.Replicas ?? 0,
        rc.Status?.ReadyReplicas ?? 0,
        string.Join(',', (rc.Spec?.Selector ?? rc.Spec?.Template?.Metadata?.Labels ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
}

/// <summary>
/// The replication controllers page's state: a live list of the controllers (list, then watch the store) and scaling
/// through <c>spec.replicas</c>. <see cref="RunAsync"/> is the component's subscription: it runs until the component
/// cancels it. Rows are replaced, never mutated, so a render reads a consistent list.
/// </summary>
public sealed class ReplicationControllersModel(IObjectStore store)
{
    private readonly Dictionary<string, ReplicationControllerRow> _rows = new(StringComparer.Ordinal);

    public IReadOnlyList<ReplicationControllerRow> Rows { get; private set; } = [];

    /// <summary>Keeps <see cref="Rows"/> current until cancelled; <paramref name="changed"/> after every change.</summary>
    public async Task RunAsync(Action changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var list = await store.ListAsync<V1ReplicationController>(new StoreListOptions(), cancellationToken).ConfigureAwait(false);
                _rows.Clear();
                foreach (var rc in list.Items)
                {
                    _rows[Key(rc)] = ReplicationControllerRow.From(rc);
                }

                Publish(changed);
                await foreach (var change in store.WatchAsync<V1ReplicationController>(null, list.ResourceVersion, cancellationToken).ConfigureAwait(false))
                {
                    if (change.Type == StoreWatchEventType.Deleted)
                    {
                        _rows.Remove(Key(change.Object));
                    }
                    else
                    {
                        _rows[Key(change.Object)] = ReplicationControllerRow.From(change.Object);
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

    /// <summary>Changes the desired replicas by <paramref name="delta"/> (never below 0); false when the controller is gone.</summary>
    public async Task<bool> ScaleAsync(string @namespace, string name, int delta, CancellationToken cancellationToken = default)
    {
        // The replication manager writes the status all the time: retry on its conflicts with the newest version.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var rc = await store.GetAsync<V1ReplicationController>(@namespace, name, cancellationToken).ConfigureAwait(false);
            if (rc is null)
            {
                return false;
            }

            rc.Spec.Replicas = Math.Max(0, (rc.Spec.Replicas ?? 1) + delta);
            try
            {
                await store.UpdateAsync(rc, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StoreConflictException)
            {
            }
            catch (StoreNotFoundException)
            {
                return false;
            }
        }

        throw new StoreConflictException($"replication controller \"{name}\" kept changing; try again", alreadyExists: false);
    }

    private void Publish(Action changed)
    {
        Rows = [.. _rows.Values.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
        changed();
    }

    private static string Key(V1ReplicationController rc) => $"{rc.Metadata.NamespaceProperty}/{rc.Metadata.Name}";
}
