using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Framework.RemoteApi;

/// <summary>
/// The object store as a real Kubernetes API server keeps it, through KubernetesClient: with
/// <c>Kubernetes:ApiServer</c> set this replaces SQLite and etcd, so the scheduler, the event recorder, the feed and
/// the dashboard read and write that cluster unchanged (as kubernetes-mesos ran beside kube-apiserver). Reads are
/// lists and watches with resourceVersion (a 410 becomes <see cref="StoreVersionGoneException"/>, so the informers
/// relist). A pod write is split the way a scheduler must write to an API server: a newly set <c>spec.nodeName</c> is
/// a <c>pods/binding</c>, a changed status a <c>pods/status</c> write, a new <c>deletionTimestamp</c> a graceful DELETE,
/// and only a change of labels, annotations or the rest of the spec a PUT of the pod. Resource versions must be
/// numbers (etcd revisions, as every kube-apiserver and our own API issue). Thread-safe.
/// </summary>
public sealed class KubernetesApiObjectStore(IKubernetes client) : IObjectStore, IDisposable
{
    public async Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        var page = await CallAsync("pods", null, "", () => RemoteKinds.For<V1Pod>().ListAsync(client, new RemoteQuery(null, null, 1, null, null, false), cancellationToken)).ConfigureAwait(false);
        return ParseVersion(page.ResourceVersion);
    }

    public async Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            return WithKind(await CallAsync(Resource<T>(), @namespace, name, () => RemoteKinds.For<T>().Read(client, @namespace, name, cancellationToken)).ConfigureAwait(false));
        }
        catch (StoreNotFoundException)
        {
            return null;
        }
    }

    public async Task<StoreList<T>> ListAsync<T>(StoreListOptions options, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(options);
        var selector = options.LabelSelector is { IsEmpty: false } labels ? labels.ToString() : null;
        var query = new RemoteQuery(Namespaced<T>() ? options.Namespace : null, selector, options.Limit, options.Continue, null, false);
        var page = await CallAsync(Resource<T>(), options.Namespace, "", () => RemoteKinds.For<T>().ListAsync(client, query, cancellationToken)).ConfigureAwait(false);
        return new StoreList<T>(page.Items.Select(WithKind).ToList(), ParseVersion(page.ResourceVersion), page.Continue);
    }

    public async Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        var meta = obj.Metadata ?? throw new ArgumentException("the object has no metadata", nameof(obj));
        return WithKind(await CallAsync(Resource<T>(), meta.NamespaceProperty, meta.Name ?? meta.GenerateName ?? "", () => RemoteKinds.For<T>().Create(client, obj, meta.NamespaceProperty, cancellationToken)).ConfigureAwait(false));
    }

    public async Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj is V1Pod pod)
        {
            return (T)(object)await UpdatePodAsync(pod, cancellationToken).ConfigureAwait(false);
        }

        var meta = obj.Metadata;
        return WithKind(await CallAsync(Resource<T>(), meta.NamespaceProperty, meta.Name, () => RemoteKinds.For<T>().Replace(client, obj, meta.NamespaceProperty, meta.Name, cancellationToken)).ConfigureAwait(false));
    }

    public async Task<T> DeleteAsync<T>(string? @namespace, string name, string? expectedResourceVersion = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = RemoteKinds.For<T>();
        var last = await CallAsync(Resource<T>(), @namespace, name, () => kind.Read(client, @namespace, name, cancellationToken)).ConfigureAwait(false);
        // The store's delete removes the object now: for a pod that is the API server's grace period 0 (what a kubelet
        // sends once the containers are gone), here once the Mesos task is.
        var options = new V1DeleteOptions
        {
            GracePeriodSeconds = typeof(T) == typeof(V1Pod) ? 0 : null,
            Preconditions = new V1Preconditions { Uid = last.Metadata.Uid, ResourceVersion = expectedResourceVersion },
        };
        await CallAsync(Resource<T>(), @namespace, name, async () =>
        {
            await kind.Delete(client, @namespace, name, options, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        return WithKind(last);
    }

    public async IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = RemoteKinds.For<T>();
        var ns = Namespaced<T>() ? @namespace : null;
        // A watch without a resourceVersion would start with every existing object as ADDED: "from now" is the newest version.
        var version = afterVersion ?? (await ListAsync<T>(new StoreListOptions(ns, Limit: 1), cancellationToken).ConfigureAwait(false)).ResourceVersion;
        while (true)
        {
            Exception? failure = null;
            var events = kind.WatchAsync(client, new RemoteQuery(ns, null, null, null, version.ToString(CultureInfo.InvariantCulture), true), e => failure ??= e, cancellationToken);
            await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                (WatchEventType Type, T Object) next;
                try
                {
                    if (failure is not null || !await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    next = enumerator.Current;
                }
                catch (HttpOperationException ex)
                {
                    throw Translate(ex, Resource<T>(), ns, "");
                }

                var eventVersion = ParseVersion(next.Object?.Metadata?.ResourceVersion);
                if (next.Type == WatchEventType.Bookmark)
                {
                    version = eventVersion;
                    continue;
                }

                if (next.Object is null || next.Type == WatchEventType.Error)
                {
                    continue;
                }

                version = eventVersion;
                yield return new StoreWatchEvent<T>(next.Type switch
                {
                    WatchEventType.Added => StoreWatchEventType.Added,
                    WatchEventType.Deleted => StoreWatchEventType.Deleted,
                    _ => StoreWatchEventType.Modified,
                }, WithKind(next.Object), eventVersion);
            }

            if (failure is KubernetesException { Status.Code: 410 } gone)
            {
                throw new StoreVersionGoneException(gone.Status.Message ?? $"too old resource version: {version}");
            }

            if (failure is not null)
            {
                throw new InvalidOperationException($"the {Resource<T>()} watch of the API server failed: {failure.Message}", failure);
            }

            // The server ended the watch (its timeout): resume where it stopped, as an informer's reflector does.
        }
    }

    public void Dispose() => client.Dispose();

    /// <summary>
    /// A pod's write as a scheduler and a kubelet make it: bind, then metadata and spec, then status, each only when it
    /// changed, each on the version the previous step left. The caller's resourceVersion guards the first step.
    /// </summary>
    private async Task<V1Pod> UpdatePodAsync(V1Pod pod, CancellationToken ct)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var name = pod.Metadata.Name;
        var pods = RemoteKinds.For<V1Pod>();
        var current = await CallAsync("pods", ns, name, () => pods.Read(client, ns, name, ct)).ConfigureAwait(false);
        if (pod.Metadata.ResourceVersion is { Length: > 0 } expected && expected != current.Metadata.ResourceVersion)
        {
            throw new StoreConflictException($"pods \"{name}\": the object has been modified (resourceVersion {expected}, now {current.Metadata.ResourceVersion})", false);
        }

        if (current.Metadata.DeletionTimestamp is null && pod.Metadata.DeletionTimestamp is not null)
        {
            var grace = new V1DeleteOptions
            {
                GracePeriodSeconds = pod.Metadata.DeletionGracePeriodSeconds,
                Preconditions = new V1Preconditions { Uid = current.Metadata.Uid, ResourceVersion = current.Metadata.ResourceVersion },
            };
            await CallAsync("pods", ns, name, async () =>
            {
                await pods.Delete(client, ns, name, grace, ct).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            return await GetAsync<V1Pod>(ns, name, ct).ConfigureAwait(false) ?? WithKind(current);
        }

        var written = current;
        if (string.IsNullOrEmpty(current.Spec?.NodeName) && pod.Spec?.NodeName is { Length: > 0 } node)
        {
            var binding = new V1Binding
            {
                ApiVersion = "v1",
                Kind = "Binding",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = current.Metadata.Uid, ResourceVersion = current.Metadata.ResourceVersion },
                Target = new V1ObjectReference { ApiVersion = "v1", Kind = "Node", Name = node },
            };
            await CallAsync("pods", ns, name, () => client.CoreV1.CreateNamespacedPodBindingAsync(binding, name, ns, cancellationToken: ct)).ConfigureAwait(false);
            written = await CallAsync("pods", ns, name, () => pods.Read(client, ns, name, ct)).ConfigureAwait(false);
        }

        if (!SameJson(MainPart(pod, written.Spec?.NodeName), MainPart(written, written.Spec?.NodeName)))
        {
            var body = Copy(pod);
            body.Spec.NodeName = written.Spec?.NodeName;
            body.Status = written.Status;
            body.Metadata.ResourceVersion = written.Metadata.ResourceVersion;
            written = await CallAsync("pods", ns, name, () => pods.Replace(client, body, ns, name, ct)).ConfigureAwait(false);
        }

        if (!SameJson(pod.Status, written.Status))
        {
            var body = Copy(written);
            body.Status = pod.Status;
            written = await CallAsync("pods", ns, name, () => client.CoreV1.ReplaceNamespacedPodStatusAsync(body, name, ns, cancellationToken: ct)).ConfigureAwait(false);
        }

        return WithKind(written);
    }

    /// <summary>What a PUT of the pod itself may change: labels, annotations, owners, finalizers and the spec.</summary>
    private static object MainPart(V1Pod pod, string? nodeName)
    {
        var spec = pod.Spec is null ? null : Copy(pod.Spec);
        if (spec is not null)
        {
            spec.NodeName = nodeName;
        }

        return new { pod.Metadata.Labels, pod.Metadata.Annotations, pod.Metadata.OwnerReferences, pod.Metadata.Finalizers, Spec = spec };
    }

    private static bool SameJson(object? a, object? b) => KubernetesJson.Serialize(a) == KubernetesJson.Serialize(b);

    private static TObj Copy<TObj>(TObj obj) => KubernetesJson.Deserialize<TObj>(KubernetesJson.Serialize(obj));

    /// <summary>Runs a call and turns the API server's refusals into the store's exceptions.</summary>
    private static async Task<TResult> CallAsync<TResult>(string resource, string? @namespace, string name, Func<Task<TResult>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException ex)
        {
            throw Translate(ex, resource, @namespace, name);
        }
    }

    private static Exception Translate(HttpOperationException ex, string resource, string? @namespace, string name)
    {
        var status = StatusOf(ex);
        var message = status?.Message ?? $"{(int)ex.Response.StatusCode} {ex.Response.ReasonPhrase}";
        return ex.Response.StatusCode switch
        {
            HttpStatusCode.NotFound => new StoreNotFoundException(resource, @namespace, name),
            HttpStatusCode.Conflict => new StoreConflictException(message, status?.Reason == "AlreadyExists"),
            HttpStatusCode.Gone => new StoreVersionGoneException(message),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new ArgumentException($"the API server refused the {resource} write: {message}", ex),
            _ => new InvalidOperationException($"the API server answered {(int)ex.Response.StatusCode} to a {resource} call: {message}", ex),
        };
    }

    private static V1Status? StatusOf(HttpOperationException ex)
    {
        try
        {
            return ex.Response.Content is { Length: > 0 } content ? KubernetesJson.Deserialize<V1Status>(content) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static long ParseVersion(string? version) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"the API server's resourceVersion \"{version}\" is not a number; KubeMesos needs the etcd revisions kube-apiserver issues");

    private static T WithKind<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = StoreKinds.For<T>();
        obj.Kind = kind.Kind;
        obj.ApiVersion = kind.ApiVersion;
        return obj;
    }

    private static string Resource<T>() => StoreKinds.For<T>().Resource;

    private static bool Namespaced<T>() => StoreKinds.For<T>().Namespaced;
}
