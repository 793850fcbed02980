using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeMesos.Framework.RemoteApi;

/// <summary>A list or watch request of one kind: namespace (null: all, or a cluster-scoped kind) and query parameters.</summary>
internal sealed record RemoteQuery(string? Namespace, string? LabelSelector, int? Limit, string? Continue, string? ResourceVersion, bool Watch);

/// <summary>
/// How one kind is read and written through KubernetesClient's typed <c>CoreV1</c> operations: the store is generic,
/// the client's operations are per kind, so each kind lists its own. Immutable, thread-safe.
/// </summary>
internal abstract class RemoteKind<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public required Func<IKubernetes, string?, string, CancellationToken, Task<T>> Read { get; init; }

    public required Func<IKubernetes, T, string?, CancellationToken, Task<T>> Create { get; init; }

    public required Func<IKubernetes, T, string?, string, CancellationToken, Task<T>> Replace { get; init; }

    public required Func<IKubernetes, string?, string, V1DeleteOptions, CancellationToken, Task> Delete { get; init; }

    /// <summary>One page: its items, the list's resourceVersion and continue token.</summary>
    public abstract Task<(IList<T> Items, string? ResourceVersion, string? Continue)> ListAsync(IKubernetes client, RemoteQuery query, CancellationToken cancellationToken);

    /// <summary>A watch's events (bookmarks included), until the server ends the response; Status events go to <paramref name="onError"/>.</summary>
    public abstract IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(IKubernetes client, RemoteQuery query, Action<Exception> onError, CancellationToken cancellationToken);
}

internal sealed class RemoteKind<T, TList> : RemoteKind<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : IItems<T>, IMetadata<V1ListMeta>
{
    public required Func<IKubernetes, RemoteQuery, CancellationToken, Task<HttpOperationResponse<TList>>> List { get; init; }

    public override async Task<(IList<T> Items, string? ResourceVersion, string? Continue)> ListAsync(IKubernetes client, RemoteQuery query, CancellationToken cancellationToken)
    {
        using var response = await List(client, query, cancellationToken).ConfigureAwait(false);
        var list = response.Body;
        return (list.Items ?? [], list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty is { Length: > 0 } next ? next : null);
    }

    // The list call with watch=true, read as a watch: one generic path for every kind. Its replacements
    // (WatchListNamespacedPodAsync, ...) are one method per kind and would double this table.
#pragma warning disable CS0618
    public override IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(IKubernetes client, RemoteQuery query, Action<Exception> onError, CancellationToken cancellationToken) =>
        List(client, query with { Watch = true }, cancellationToken).WatchAsync<T, TList>(onError, cancellationToken);
#pragma warning restore CS0618
}
