using k8s;
using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Api;

/// <summary>What the generic resource handler needs to know of one kind: names, scope, validation, table, hooks.</summary>
internal sealed class ResourceDefinition<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required string Kind { get; init; }

    public string ListKind => Kind + "List";

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public required Func<T, IReadOnlyList<FieldError>> Validate { get; init; }

    /// <summary>Checks of the request's JSON that typed decoding would lose (unparsable quantities).</summary>
    public Func<System.Text.Json.Nodes.JsonObject, IReadOnlyList<FieldError>>? ValidateJson { get; init; }

    public required IReadOnlyList<TableColumn> Columns { get; init; }

    /// <summary>A row's cells for an object, given the current time (for ages).</summary>
    public required Func<T, DateTimeOffset, object?[]> Cells { get; init; }

    /// <summary>Field selectors besides <c>metadata.name</c> and <c>metadata.namespace</c>.</summary>
    public IReadOnlyDictionary<string, Func<T, string?>> ExtraFields { get; init; } = new Dictionary<string, Func<T, string?>>();

    /// <summary>
    /// The API server's defaulting (<see cref="ApiDefaults"/>), applied to every object written through the API, created
    /// or updated, before validation: what a client left out reads back as kube-apiserver would store it.
    /// </summary>
    public Action<T, ApiContext>? Default { get; init; }

    /// <summary>What only a new object gets, after defaulting and before validation (a pod's Pending phase, a namespace's Active phase).</summary>
    public Action<T>? PrepareForCreate { get; init; }

    /// <summary>
    /// Handles a delete itself (a pod's graceful deletion, a namespace's contents) and returns the object as it now
    /// stands (marked for deletion), or returns null to have the object deleted at once.
    /// </summary>
    public Func<T, DeleteRequest, ApiContext, CancellationToken, Task<T?>>? Delete { get; init; }

    /// <summary>Pods and services answer a delete with the object, the other kinds with a Success Status.</summary>
    public bool ReturnDeletedObject { get; init; }

    /// <summary>Whether the kind owns other objects (a delete's propagation policy is then passed on as a hint).</summary>
    public bool HasDependents { get; init; }

    /// <summary>Whether the kind has a status that writes to the main resource leave alone.</summary>
    public bool HasStatus { get; init; } = true;

    public IReadOnlyDictionary<string, Func<T, string?>> Fields => _fields ??= BuildFields();

    private IReadOnlyDictionary<string, Func<T, string?>>? _fields;

    private Dictionary<string, Func<T, string?>> BuildFields()
    {
        var fields = new Dictionary<string, Func<T, string?>>(StringComparer.Ordinal)
        {
            ["metadata.name"] = o => o.Metadata?.Name,
            ["metadata.namespace"] = o => o.Metadata?.NamespaceProperty,
        };
        foreach (var (name, get) in ExtraFields)
        {
            fields[name] = get;
        }

        return fields;
    }
}

/// <summary>A delete's options, from the DeleteOptions body and the query string.</summary>
internal sealed record DeleteRequest(long? GracePeriodSeconds, string? PropagationPolicy, string? PreconditionResourceVersion, string? PreconditionUid, bool DryRun);
