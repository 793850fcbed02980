namespace KubeMesos.Framework.Pods;

public sealed class PodAlreadyExistsException(string @namespace, string name)
    : Exception($"pods \"{name}\" already exists in namespace \"{@namespace}\"")
{
    public string Namespace { get; } = @namespace;

    public string Name { get; } = name;
}
