namespace KubeMesos.Shared.Validation;

/// <summary>One invalid field, named by its JSON path as Kubernetes does (<c>metadata.name</c>, <c>spec.containers[0].image</c>).</summary>
public sealed record FieldError(string Field, string Message);
