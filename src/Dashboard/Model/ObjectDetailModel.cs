using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// The stored object behind a detail page (its spec, status and YAML), read again whenever the feed's view of it
/// changes: the feed says when, the store says what (one read, no watch of its own).
/// </summary>
/// <remarks>Owned by one component; not thread-safe.</remarks>
public sealed class ObjectDetailModel<T>(IObjectStore store, string @namespace, string name)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private object? _seenView;
    private bool _loaded;

    public T? Object { get; private set; }

    public string? Yaml { get; private set; }

    /// <summary>Read at least once (so a null <see cref="Object"/> means gone, not loading).</summary>
    public bool IsLoaded => _loaded;

    public string Namespace => @namespace;

    public string Name => name;

    /// <summary>Reads the object when <paramref name="view"/> (the feed's record of it, or null when gone) is new; true when it did.</summary>
    public async Task<bool> RefreshAsync(object? view, CancellationToken cancellationToken = default)
    {
        if (_loaded && ReferenceEquals(view, _seenView))
        {
            return false;
        }

        _seenView = view;
        Object = await store.GetAsync<T>(@namespace, name, cancellationToken).ConfigureAwait(false);
        Yaml = Object is null ? null : ManifestImporter.ToYaml(Object);
        _loaded = true;
        return true;
    }
}
