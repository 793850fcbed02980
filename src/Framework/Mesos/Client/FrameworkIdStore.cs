using k8s.Models;
using KubeMesos.Framework.Store;
using Mesos.V1;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>
/// Keeps the framework id in the object store (an annotation on the <c>kube-system</c> namespace), so that after a
/// restart the framework resubscribes as itself and the master hands back its running tasks instead of treating them
/// as another framework's (kubernetes-mesos kept it in etcd the same way).
/// </summary>
public sealed class FrameworkIdStore(IObjectStore store)
{
    public const string Namespace = "kube-system";
    public const string Annotation = "kubemesos.io/framework-id";

    public async Task<FrameworkID?> LoadAsync(CancellationToken cancellationToken)
    {
        var ns = await store.GetAsync<V1Namespace>(null, Namespace, cancellationToken).ConfigureAwait(false);
        return ns?.Metadata.Annotations?.TryGetValue(Annotation, out var id) == true && id.Length > 0
            ? new FrameworkID { Value = id }
            : null;
    }

    /// <summary>Remembers <paramref name="frameworkId"/>; null forgets it (the master removed the framework).</summary>
    public async Task SaveAsync(string? frameworkId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var ns = await store.GetAsync<V1Namespace>(null, Namespace, cancellationToken).ConfigureAwait(false);
            try
            {
                if (ns is null)
                {
                    if (frameworkId is null)
                    {
                        return;
                    }

                    await store.CreateAsync(new V1Namespace
                    {
                        Metadata = new V1ObjectMeta { Name = Namespace, Annotations = new Dictionary<string, string> { [Annotation] = frameworkId } },
                    }, cancellationToken).ConfigureAwait(false);
                    return;
                }

                ns.Metadata.Annotations ??= new Dictionary<string, string>();
                if (frameworkId is null ? !ns.Metadata.Annotations.Remove(Annotation) : ns.Metadata.Annotations.TryGetValue(Annotation, out var old) && old == frameworkId)
                {
                    return;
                }

                if (frameworkId is not null)
                {
                    ns.Metadata.Annotations[Annotation] = frameworkId;
                }

                await store.UpdateAsync(ns, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StoreConflictException)
            {
                // Someone else wrote the namespace meanwhile: read it again.
            }
        }
    }
}
