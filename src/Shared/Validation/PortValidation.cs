namespace KubeMesos.Shared.Validation;

/// <summary>Port numbers and IANA service names (a service's target port may name a container port).</summary>
public static class PortValidation
{
    public static IReadOnlyList<FieldError> ValidateNumber(int port, string field) =>
        port is < 1 or > 65535 ? [new FieldError(field, $"Invalid value: {port}: must be between 1 and 65535, inclusive")] : [];

    /// <summary>A target port: a number in range, or a name of at most 15 lowercase alphanumerics and '-'.</summary>
    public static IReadOnlyList<FieldError> ValidateTarget(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        if (int.TryParse(value, out var number))
        {
            return ValidateNumber(number, field);
        }

        return ValidatePortName(value, field);
    }

    /// <summary>An IANA_SVC_NAME: at most 15 characters, lowercase alphanumerics and '-', at least one letter, no '--'.</summary>
    public static IReadOnlyList<FieldError> ValidatePortName(string name, string field)
    {
        var valid = name.Length is > 0 and <= 15
            && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && name.Any(char.IsAsciiLetterLower)
            && !name.StartsWith('-') && !name.EndsWith('-') && !name.Contains("--", StringComparison.Ordinal);
        return valid ? [] : [new FieldError(field, $"Invalid value: \"{name}\": must be no more than 15 characters, contain only lowercase alphanumerics and '-', at least one letter, and not begin, end or repeat '-' (an IANA_SVC_NAME)")];
    }
}
