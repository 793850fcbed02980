namespace KubeMesos.Shared.Contracts;

/// <summary>One Kubernetes Event (a repeated one counted in <see cref="Count"/>).</summary>
public sealed record EventView(
    string Namespace,
    string Name,
    string Type,
    string Reason,
    string Message,
    string InvolvedKind,
    string InvolvedNamespace,
    string InvolvedName,
    int Count,
    DateTimeOffset LastSeen)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    public string Key => $"{Namespace}/{Name}";

    public bool IsWarning => Type == Warning;

    /// <summary>The component that reported it (<c>source.component</c>), when known.</summary>
    public string? Source { get; init; }

    /// <summary>Whether the event is about the object of that kind, namespace and name.</summary>
    public bool IsAbout(string kind, string @namespace, string name) =>
        InvolvedName == name && InvolvedNamespace == @namespace && string.Equals(InvolvedKind, kind, StringComparison.OrdinalIgnoreCase);
}
