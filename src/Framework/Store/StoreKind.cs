namespace KubeMesos.Framework.Store;

/// <summary>
/// How a <c>k8s.Models</c> type is stored: its Kubernetes kind and apiVersion (written into every stored object), the
/// REST resource name (the key prefix, and the path segment of the API) and whether objects live in a namespace.
/// </summary>
public sealed record StoreKind(Type ClrType, string Kind, string ApiVersion, string Resource, bool Namespaced);
