namespace KubeMesos.Framework.Store;

/// <summary>One entry of a backend's change log: what a watch replays. <see cref="Json"/> (UTF-8) carries no resourceVersion.</summary>
internal sealed record StoreChange(long Version, string Resource, string? Namespace, StoreWatchEventType Type, byte[] Json)
{
    public bool Concerns(StoreKind kind, string? @namespace) =>
        Resource == kind.Resource && (string.IsNullOrEmpty(@namespace) || Namespace == @namespace);

    public StoreWatchEvent<T> ToEvent<T>(bool metadataOnly = false)
        where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> =>
        new(Type, ObjectCodec.WithVersion(metadataOnly ? ObjectCodec.DeserializeMetadata<T>(Json) : ObjectCodec.Deserialize<T>(Json), Version), Version);
}
