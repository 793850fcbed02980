using k8s.Models;
using KubeMesos.Dashboard.Api;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// Scales one replication controller through the <see cref="ClusterWriter"/>: by a step (on the newest object, so two
/// quick clicks make two steps) or to a typed number. A refusal or a conflict that outlasted the retries becomes
/// <see cref="Error"/>, never an exception out of a click handler.
/// </summary>
/// <remarks>Owned by one component; not thread-safe.</remarks>
public sealed class ScaleModel(ClusterWriter writer, string @namespace, string name)
{
    public string? Error { get; private set; }

    public bool IsBusy { get; private set; }

    /// <summary>Changes the desired replicas by <paramref name="delta"/>, never below 0.</summary>
    public Task<bool> ByAsync(int delta, CancellationToken cancellationToken = default) =>
        RunAsync(() => writer.UpdateAsync<V1ReplicationController>(@namespace, name, rc =>
        {
            var replicas = Math.Max(0, (rc.Spec.Replicas ?? 1) + delta);
            if (replicas == rc.Spec.Replicas)
            {
                return null;
            }

            rc.Spec.Replicas = replicas;
            return rc;
        }, cancellationToken));

    /// <summary>Sets the desired replicas; a negative number is refused with the API's message.</summary>
    public Task<bool> ToAsync(int replicas, CancellationToken cancellationToken = default) =>
        RunAsync(() => writer.ScaleAsync(@namespace, name, replicas, cancellationToken));

    private async Task<bool> RunAsync(Func<Task> write)
    {
        Error = null;
        IsBusy = true;
        try
        {
            await write();
            return true;
        }
        catch (ClusterWriteException ex)
        {
            Error = ex.Reason switch
            {
                "Conflict" => $"{name} kept changing while it was scaled; try again",
                "NotFound" => $"{name} no longer exists",
                _ => ex.Causes.FirstOrDefault()?.Message is { } cause ? $"Cannot scale {name}: {cause}" : ex.Message,
            };
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store itself failed (I/O): say so instead of ending the circuit.
            Error = $"Cannot scale {name}: {ex.Message}";
            return false;
        }
        finally
        {
            IsBusy = false;
        }
    }
}
