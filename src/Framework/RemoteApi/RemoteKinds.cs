using k8s;
using k8s.Models;

namespace KubeMesos.Framework.RemoteApi;

/// <summary>The kinds our store keeps, as KubernetesClient reads and writes them on a remote API server.</summary>
internal static class RemoteKinds
{
    private static readonly Dictionary<Type, object> s_kinds = new()
    {
        [typeof(V1Pod)] = new RemoteKind<V1Pod, V1PodList>
        {
            List = (k, q, ct) => q.Namespace is { } ns
                ? k.CoreV1.ListNamespacedPodWithHttpMessagesAsync(ns, allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct)
                : k.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct),
            Read = (k, ns, name, ct) => k.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: ct),
            Create = (k, obj, ns, ct) => k.CoreV1.CreateNamespacedPodAsync(obj, ns, cancellationToken: ct),
            Replace = (k, obj, ns, name, ct) => k.CoreV1.ReplaceNamespacedPodAsync(obj, name, ns, cancellationToken: ct),
            Delete = (k, ns, name, options, ct) => k.CoreV1.DeleteNamespacedPodAsync(name, ns, options, cancellationToken: ct),
        },
        [typeof(V1Service)] = new RemoteKind<V1Service, V1ServiceList>
        {
            List = (k, q, ct) => q.Namespace is { } ns
                ? k.CoreV1.ListNamespacedServiceWithHttpMessagesAsync(ns, allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct)
                : k.CoreV1.ListServiceForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct),
            Read = (k, ns, name, ct) => k.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct),
            Create = (k, obj, ns, ct) => k.CoreV1.CreateNamespacedServiceAsync(obj, ns, cancellationToken: ct),
            Replace = (k, obj, ns, name, ct) => k.CoreV1.ReplaceNamespacedServiceAsync(obj, name, ns, cancellationToken: ct),
            Delete = (k, ns, name, options, ct) => k.CoreV1.DeleteNamespacedServiceAsync(name, ns, options, cancellationToken: ct),
        },
        [typeof(V1ReplicationController)] = new RemoteKind<V1ReplicationController, V1ReplicationControllerList>
        {
            List = (k, q, ct) => q.Namespace is { } ns
                ? k.CoreV1.ListNamespacedReplicationControllerWithHttpMessagesAsync(ns, allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct)
                : k.CoreV1.ListReplicationControllerForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct),
            Read = (k, ns, name, ct) => k.CoreV1.ReadNamespacedReplicationControllerAsync(name, ns, cancellationToken: ct),
            Create = (k, obj, ns, ct) => k.CoreV1.CreateNamespacedReplicationControllerAsync(obj, ns, cancellationToken: ct),
            Replace = (k, obj, ns, name, ct) => k.CoreV1.ReplaceNamespacedReplicationControllerAsync(obj, name, ns, cancellationToken: ct),
            Delete = (k, ns, name, options, ct) => k.CoreV1.DeleteNamespacedReplicationControllerAsync(name, ns, options, cancellationToken: ct),
        },
        [typeof(V1Endpoints)] = new RemoteKind<V1Endpoints, V1EndpointsList>
        {
            List = (k, q, ct) => q.Namespace is { } ns
                ? k.CoreV1.ListNamespacedEndpointsWithHttpMessagesAsync(ns, allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct)
                : k.CoreV1.ListEndpointsForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct),
            Read = (k, ns, name, ct) => k.CoreV1.ReadNamespacedEndpointsAsync(name, ns, cancellationToken: ct),
            Create = (k, obj, ns, ct) => k.CoreV1.CreateNamespacedEndpointsAsync(obj, ns, cancellationToken: ct),
            Replace = (k, obj, ns, name, ct) => k.CoreV1.ReplaceNamespacedEndpointsAsync(obj, name, ns, cancellationToken: ct),
            Delete = (k, ns, name, options, ct) => k.CoreV1.DeleteNamespacedEndpointsAsync(name, ns, options, cancellationToken: ct),
        },
        [typeof(Corev1Event)] = new RemoteKind<Corev1Event, Corev1EventList>
        {
            List = (k, q, ct) => q.Namespace is { } ns
                ? k.CoreV1.ListNamespacedEventWithHttpMessagesAsync(ns, allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct)
                : k.CoreV1.ListEventForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct),
            Read = (k, ns, name, ct) => k.CoreV1.ReadNamespacedEventAsync(name, ns, cancellationToken: ct),
            Create = (k, obj, ns, ct) => k.CoreV1.CreateNamespacedEventAsync(obj, ns, cancellationToken: ct),
            Replace = (k, obj, ns, name, ct) => k.CoreV1.ReplaceNamespacedEventAsync(obj, name, ns, cancellationToken: ct),
            Delete = (k, ns, name, options, ct) => k.CoreV1.DeleteNamespacedEventAsync(name, ns, options, cancellationToken: ct),
        },
        [typeof(V1Namespace)] = new RemoteKind<V1Namespace, V1NamespaceList>
        {
            List = (k, q, ct) => k.CoreV1.ListNamespaceWithHttpMessagesAsync(allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct),
            Read = (k, _, name, ct) => k.CoreV1.ReadNamespaceAsync(name, cancellationToken: ct),
            Create = (k, obj, _, ct) => k.CoreV1.CreateNamespaceAsync(obj, cancellationToken: ct),
            Replace = (k, obj, _, name, ct) => k.CoreV1.ReplaceNamespaceAsync(obj, name, cancellationToken: ct),
            Delete = (k, _, name, options, ct) => k.CoreV1.DeleteNamespaceAsync(name, options, cancellationToken: ct),
        },
        [typeof(V1Node)] = new RemoteKind<V1Node, V1NodeList>
        {
            List = (k, q, ct) => k.CoreV1.ListNodeWithHttpMessagesAsync(allowWatchBookmarks: q.Watch ? true : null, continueParameter: q.Continue, labelSelector: q.LabelSelector, limit: q.Limit, resourceVersion: q.ResourceVersion, watch: q.Watch ? true : null, cancellationToken: ct),
            Read = (k, _, name, ct) => k.CoreV1.ReadNodeAsync(name, cancellationToken: ct),
            Create = (k, obj, _, ct) => k.CoreV1.CreateNodeAsync(obj, cancellationToken: ct),
            Replace = (k, obj, _, name, ct) => k.CoreV1.ReplaceNodeAsync(obj, name, cancellationToken: ct),
            Delete = (k, _, name, options, ct) => k.CoreV1.DeleteNodeAsync(name, options, cancellationToken: ct),
        },
    };

    /// <exception cref="NotSupportedException">a kind the store does not keep.</exception>
    public static RemoteKind<T> For<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        s_kinds.TryGetValue(typeof(T), out var kind)
            ? (RemoteKind<T>)kind
            : throw new NotSupportedException($"The remote API store does not keep {typeof(T).Name} objects.");
}
