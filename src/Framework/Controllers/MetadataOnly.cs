using k8s;
using k8s.Models;

namespace KubeMesos.Framework.Controllers;

/// <summary>An object reduced to its kind and metadata, for informers whose owners never read spec or status.</summary>
public static class MetadataOnly
{
    /// <summary>A new object sharing <paramref name="obj"/>'s metadata instance (not a copy: cached objects are not changed).</summary>
    public static T Of<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>, new()
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new T { ApiVersion = obj.ApiVersion, Kind = obj.Kind, Metadata = obj.Metadata };
    }
}
