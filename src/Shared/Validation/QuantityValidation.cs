using k8s.Models;

namespace KubeMesos.Shared.Validation;

/// <summary>Resource quantities (<c>500m</c>, <c>256Mi</c>) as the API server parses them, worded as it words a refusal.</summary>
public static class QuantityValidation
{
    public const string PatternMessage = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> set when it is no quantity.</summary>
    public static ResourceQuantity? TryParse(string text, string field, out FieldError? error)
    {
        error = null;
        try
        {
            var quantity = new ResourceQuantity(text.Trim());
            _ = quantity.ToDecimal();
            return quantity;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            error = new FieldError(field, $"Invalid value: \"{text}\": {PatternMessage}");
            return null;
        }
    }
}
