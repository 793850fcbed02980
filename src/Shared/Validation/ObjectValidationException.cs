namespace KubeMesos.Shared.Validation;

/// <summary>An object was refused; nothing was stored. Carries one error per field.</summary>
public sealed class ObjectValidationException(string kind, string name, IReadOnlyList<FieldError> errors)
    : Exception($"{kind} \"{name}\" is invalid: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}")
{
    public string Kind { get; } = kind;

    public string Name { get; } = name;

    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
