using k8s.Models;

namespace KubeMesos.Shared.Validation;

/// <summary>A namespace: cluster-scoped, its name a DNS-1123 label.</summary>
public static class NamespaceValidator
{
    public static IReadOnlyList<FieldError> Validate(V1Namespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return MetadataValidator.Validate(ns.Metadata, namespaced: false, nameIsLabel: true);
    }
}
